using System.ComponentModel.DataAnnotations;
using StackGen.Settings;
using StackGen.Stacks.Postgres;

namespace StackGen.Stacks.Web;

public sealed record FlaskWebSettings
{
    public ImageRef Image { get; init; } = ImageRef.Parse("registry.example.com/shop/web:1.0.0");

    /// <summary>The WSGI application, as uWSGI's module option takes it: module:callable.</summary>
    public string Module { get; init; } = "shop.wsgi:app";

    /// <summary>Pods, unless autoscaling is enabled.</summary>
    [Range(1, 100)]
    public int Replicas { get; init; } = 2;

    /// <summary>uWSGI worker processes per pod.</summary>
    [Range(1, 64)]
    public int Processes { get; init; } = 4;

    /// <summary>Threads per worker process.</summary>
    [Range(1, 64)]
    public int Threads { get; init; } = 2;

    /// <summary>The longest a request may run (uWSGI harakiri); stopping pods wait this long for in-flight requests.</summary>
    public Duration RequestTimeout { get; init; } = Duration.Parse("30s");

    /// <summary>Requests a worker serves before it is replaced.</summary>
    [Range(1, 1_000_000)]
    public int MaxRequests { get; init; } = 5000;

    /// <summary>
    /// Answers 200 while the app can serve. Liveness uses it too, so it must not depend on the database or the
    /// broker: an outage there would otherwise restart every pod.
    /// </summary>
    public string HealthPath { get; init; } = "/healthz";

    /// <summary>The numeric user and group the pods run as.</summary>
    public RunAsSettings RunAs { get; init; } = new();

    public ComputeResources? Resources { get; init; }

    public PostgresConnection Database { get; init; } = new() { Name = "shop", User = "shop", Password = new("shop-database", "password") };

    public IngressSettings Ingress { get; init; } = new();

    /// <summary>Gateway API instead of the Ingress: chosen per environment.</summary>
    public GatewaySettings Gateway { get; init; } = new();

    public AutoscalingSettings Autoscaling { get; init; } = new();

    /// <summary>The schema migration Job, run before the Deployment rolls; off by default.</summary>
    public MigrationSettings Migrations { get; init; } = new();
}
