namespace StackGen.Stacks.Web;

/// <summary>An Ingress (networking.k8s.io/v1) routing a host to the web Service.</summary>
public sealed record IngressSettings
{
    public bool Enabled { get; init; }

    /// <summary>The host name routed to web; every host when left out.</summary>
    public string? Host { get; init; }

    /// <summary>The IngressClass; the cluster's default class when left out.</summary>
    public string? ClassName { get; init; }

    /// <summary>The name of a kubernetes.io/tls Secret holding the host's certificate; plain HTTP when left out.</summary>
    public string? TlsSecret { get; init; }
}
