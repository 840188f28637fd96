using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// The Job controller's part the fake plays: a Job gets one pod (NAME-xxxxx, from its template, labelled with the
/// Job's name as the controller labels it: <c>batch.kubernetes.io/job-name</c> and <c>job-name</c>, owned by the Job),
/// and every pod of a Job logs what a test gave <see cref="FakeKubeApiServer.SetJobLog"/> (empty otherwise).
/// </summary>
internal static class JobPods
{
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyJobNameLabel = "job-name";

    public static JsonObject For(JsonObject job)
    {
        var name = JsonTree.String(job, "metadata", "name")!;
        var uid = JsonTree.String(job, "metadata", "uid") ?? "";
        var template = job["spec"]?["template"] as JsonObject;
        var labels = (template?["metadata"]?["labels"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        labels[JobNameLabel] = name;
        labels[LegacyJobNameLabel] = name;
        labels["batch.kubernetes.io/controller-uid"] = uid;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}-{WorkloadStatus.Hash(JsonValue.Create(uid), 5)}",
                ["namespace"] = JsonTree.String(job, "metadata", "namespace"),
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1",
                    ["kind"] = "Job",
                    ["name"] = name,
                    ["uid"] = uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>The last <paramref name="tailLines"/> lines of <paramref name="log"/> (all when null), as the kubelet serves them.</summary>
    public static string Tail(string log, int? tailLines)
    {
        if (tailLines is not { } count || log.Length == 0)
        {
            return log;
        }

        var lines = log.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count))) + "\n";
    }
}
