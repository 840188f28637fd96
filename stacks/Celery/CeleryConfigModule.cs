using k8s.Models;
using StackGen.Building;
using StackGen.Stacks.RabbitMq;

namespace StackGen.Stacks.Celery;

/// <summary>
/// The Celery settings the stacks own, as a Python module Celery loads by itself (CELERY_CONFIG_MODULE): the broker
/// URL list built from the credential variables and URL-quoted in Python (so any password works), the queues
/// declared quorum by the client, and for workers late acks, the Celery version guard and beat's heartbeat scheduler.
/// Values from settings are written inside the template's string literals; the Python <see cref="ConfigFormat"/> refuses
/// any that could end one (quotes, backslashes, control characters).
/// </summary>
public static class CeleryConfigModule
{
    public const string ModuleName = "stackgen_celeryconfig";

    public const string FileName = ModuleName + ".py";

    /// <summary>The first Celery that turns global QoS off for queues it declares quorum (worker_detect_quorum_queues).</summary>
    public const string MinimumCeleryVersion = "5.5.0";

    /// <summary>Where beat's scheduler touches its heartbeat file; beat's probes check the file's age.</summary>
    public const string HeartbeatVariable = "STACKGEN_BEAT_HEARTBEAT";

    /// <summary>The scheduler class beat runs (celery beat --scheduler).</summary>
    public const string HeartbeatScheduler = ModuleName + ":HeartbeatScheduler";

    /// <summary>The longest beat's loop sleeps, so the heartbeat is never older than this while beat runs.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    private const string UsernameVariable = "RABBITMQ_USERNAME";
    private const string PasswordVariable = "RABBITMQ_PASSWORD";

    private static readonly ConfigTemplate Template = ConfigTemplate.FromResource(typeof(CeleryConfigModule).Assembly, "Celery/stackgen_celeryconfig.py.sbn");

    /// <summary>The broker credentials the module reads, then CELERY_CONFIG_MODULE naming it.</summary>
    public static IEnumerable<V1EnvVar> Variables(RabbitMqOutputs broker) =>
    [
        Env.Value(UsernameVariable, broker.Username),
        Env.FromSecret(PasswordVariable, broker.Password),
        Env.Value("CELERY_CONFIG_MODULE", ModuleName),
    ];

    /// <summary>
    /// The module's text. <paramref name="consumes"/>: for workers and beat (version guard, late acks, heartbeat
    /// scheduler); clients that only send tasks get the broker and the queues.
    /// </summary>
    public static string Render(RabbitMqOutputs broker, CeleryOutputs queues, bool consumes) => Template.Render(new
    {
        Consumes = consumes,
        MinimumCelery = MinimumCeleryVersion,
        UsernameVariable = UsernameVariable,
        PasswordVariable = PasswordVariable,
        Vhost = broker.Vhost,
        Nodes = broker.NodeHosts,
        Port = broker.AmqpPort,
        Queues = queues.Queues,
        DefaultQueue = queues.DefaultQueue,
        HeartbeatVariable = HeartbeatVariable,
        HeartbeatSeconds = (int)HeartbeatInterval.TotalSeconds,
    });
}
