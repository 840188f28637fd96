namespace StackGen.Apply.Manifests;

/// <summary>One effective setting as a revision records it: "rabbitmq.replicas" = "3" from "environments/production.yaml:9:5".</summary>
public sealed record RevisionSetting(string Path, string Value, string Source);
