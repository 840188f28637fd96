namespace StackGen.Stacks.Web;

/// <summary>
/// An HTTPRoute (gateway.networking.k8s.io/v1) attaching the web Service to a Gateway that the platform runs: Gateway
/// API, Ingress's successor. Instead of the Ingress, not beside it; TLS is the Gateway listener's business.
/// </summary>
public sealed record GatewaySettings
{
    public bool Enabled { get; init; }

    /// <summary>The Gateway the route attaches to; required when enabled.</summary>
    public string? Name { get; init; }

    /// <summary>The Gateway's namespace; the environment's when left out. The Gateway must allow routes from it.</summary>
    public string? Namespace { get; init; }

    /// <summary>The Gateway listener to attach to; every listener that accepts the route when left out.</summary>
    public string? SectionName { get; init; }

    /// <summary>The host name routed to web; every host the listener accepts when left out.</summary>
    public string? Host { get; init; }
}
