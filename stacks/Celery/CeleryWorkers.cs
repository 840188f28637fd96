using System.Globalization;
using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Settings;
using StackGen.Stacks.RabbitMq;

namespace StackGen.Stacks.Celery;

/// <summary>
/// Celery workers fed by the rabbitmq stack: one Deployment and disruption budget per queue, quorum queues declared
/// by the client, late acks, warm shutdown that outlasts the longest task, fail-over across every broker node;
/// optionally the beat scheduler (one pod, never two) and a one-shot producer Job. Celery's settings are a module
/// the stack renders (<see cref="CeleryConfigModule"/>), mounted into the app directory.
/// </summary>
public sealed class CeleryWorkers : Stack<CeleryWorkersSettings, CeleryOutputs>
{
    private const string BeatComponent = "beat";
    private const string ProducerComponent = "producer";
    private const string ConfigPart = "celery";
    private const string LogLevel = "INFO";
    private const string BeatStateDirectory = "/var/lib/celery-beat";
    private const string BeatSchedule = "celerybeat-schedule";
    private const string BeatHeartbeat = BeatStateDirectory + "/heartbeat";

    // Beat's scheduler touches its heartbeat at least every CeleryConfigModule.HeartbeatInterval; allow several
    // missed ticks (a slow node, a long sync of the schedule) before calling it hung.
    private static readonly TimeSpan BeatHeartbeatAllowance = TimeSpan.FromMinutes(3);

    // What a stopping worker needs beyond its longest task: acking it and closing the broker connection.
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(30);

    // Importing the app and connecting to the broker, before liveness may restart a worker.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(2);

    public override string Name => "workers";

    public override string Owner => "apps";

    public override string Description => "Celery workers, one Deployment per queue, with optional beat and producer Job";

    protected override IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(StackContext context, CeleryWorkersSettings settings)
    {
        var broker = context.Reference<RabbitMqOutputs>();
        yield return Config(context, settings, broker);
        foreach (var queue in settings.Queues)
        {
            yield return Workers(context, settings, queue, broker);
            yield return Disruption.Budget(context, WorkersName(context, queue), QueueComponent(queue));
        }

        if (settings.Beat.Enabled)
        {
            yield return Beat(context, settings, broker);
        }

        if (settings.Producer.Enabled)
        {
            yield return Producer(context, settings, broker);
        }
    }

    /// <summary>Each queue's name makes its Deployment's name: valid and distinct ("mail_out" and "mail.out" would collide).</summary>
    protected override void Check(CeleryWorkersSettings settings, SettingChecks checks)
    {
        for (var i = 0; i < settings.Queues.Count; i++)
        {
            checks.ObjectName($"queues[{i}].name", settings.Queues[i].Name, Slug(settings.Queues[i].Name));
        }
    }

    /// <summary>The queues, for clients that send tasks to them (the web tier): declared as the workers declare them.</summary>
    protected override CeleryOutputs Outputs(StackContext context, CeleryWorkersSettings settings) => QueuesOf(settings);

    /// <summary>The Celery configuration module every container of the stack loads; its checksum rolls them when it changes.</summary>
    private static V1ConfigMap Config(StackContext context, CeleryWorkersSettings settings, RabbitMqOutputs broker) => new()
    {
        Metadata = context.Metadata(context.Name(ConfigPart), ConfigPart),
        Data = new Dictionary<string, string> { [CeleryConfigModule.FileName] = CeleryConfigModule.Render(broker, QueuesOf(settings), consumes: true) },
    };

    /// <summary>Tasks without a route go to the queue named "default" when there is one, else to the first.</summary>
    private static CeleryOutputs QueuesOf(CeleryWorkersSettings settings)
    {
        string[] queues = [.. settings.Queues.Select(q => q.Name)];
        return new CeleryOutputs(queues, queues.Contains(CeleryWorkersSettings.DefaultQueue) ? CeleryWorkersSettings.DefaultQueue : queues.FirstOrDefault());
    }

    /// <summary>
    /// SIGTERM starts celery's warm shutdown: no new tasks, running ones finish (the hard time limit bounds them).
    /// Late acks mean a task whose worker dies anyway is redelivered, not lost.
    /// </summary>
    private static V1Deployment Workers(StackContext context, CeleryWorkersSettings settings, CeleryQueue queue, RabbitMqOutputs broker)
    {
        var timeLimit = (queue.TaskTimeLimit ?? settings.TaskTimeLimit).Value;
        var connected = BrokerConnected(broker);
        var worker = Celery("worker", settings, broker, queue.Resources ?? settings.Resources,
        [
            "worker",
            "--loglevel", LogLevel,
            "--queues", queue.Name,
            "--concurrency", Text(queue.Concurrency),
            "--time-limit", Text((int)timeLimit.TotalSeconds),
            // With late acks a prefetched task waits behind a long one; take one task per process at a time.
            "--prefetch-multiplier", "1",
            "-O", "fair",
            // Worker-to-worker chatter over the broker that grows with the number of pods and that nothing here uses.
            "--without-gossip", "--without-mingle",
        ]);
        worker = worker with
        {
            StartupProbe = Probes.Startup(connected, StartupAllowance),
            ReadinessProbe = connected,
            LivenessProbe = connected with { PeriodSeconds = 60, FailureThreshold = 5 },
        };
        return Deployments.Create(context, WorkersName(context, queue), QueueComponent(queue), queue.Replicas, Deployments.SurgeFirst(), Pods.Spec(worker, settings.RunAs) with
        {
            TerminationGracePeriodSeconds = (long)(timeLimit + ShutdownMargin).TotalSeconds,
            Affinity = Spread.AcrossNodes(context.SelectorLabels(QueueComponent(queue))),
            Volumes = [ConfigVolume(context)],
        });
    }

    /// <summary>
    /// Exactly one replica, replaced with Recreate: the old beat is gone before the new one starts. Marked
    /// single-writer, so lint refuses a second replica or a rolling update.
    /// </summary>
    private static V1Deployment Beat(StackContext context, CeleryWorkersSettings settings, RabbitMqOutputs broker)
    {
        // The schedule file only remembers last run times; losing it with the pod is harmless.
        var ticking = HeartbeatFresh();
        var beat = Celery("beat", settings, broker, settings.Beat.Resources,
        [
            "beat", "--loglevel", LogLevel, "--schedule", $"{BeatStateDirectory}/{BeatSchedule}", "--scheduler", CeleryConfigModule.HeartbeatScheduler,
        ]);
        beat = beat with
        {
            Env = [.. beat.Env, Env.Value(CeleryConfigModule.HeartbeatVariable, BeatHeartbeat)],
            VolumeMounts = [.. beat.VolumeMounts, new V1VolumeMount { Name = "state", MountPath = BeatStateDirectory }],
            StartupProbe = Probes.Startup(ticking, StartupAllowance),
            ReadinessProbe = ticking,
            LivenessProbe = ticking with { PeriodSeconds = 60 },
        };
        var deployment = Deployments.Create(context, context.Name(BeatComponent), BeatComponent, 1, Deployments.Recreate(), Pods.Spec(beat, settings.RunAs) with
        {
            Volumes = [ConfigVolume(context), new V1Volume { Name = "state", EmptyDir = new V1EmptyDirVolumeSource() }],
        });
        return Markers.AsSingleWriter(context, deployment);
    }

    /// <summary>
    /// Beat's scheduler (<see cref="CeleryConfigModule.HeartbeatScheduler"/>) touches the heartbeat file on every
    /// turn of its loop; an old file means a hung scheduler. Unlike the schedule file's mtime, this does not depend on
    /// which dbm backend the image's Python has (dbm.ndbm does not update the mtime when it syncs).
    /// </summary>
    private static V1Probe HeartbeatFresh() => Probes.Exec(
        ["sh", "-c", $"find {BeatHeartbeat} -mmin -{(int)BeatHeartbeatAllowance.TotalMinutes} | grep -q ."],
        periodSeconds: 30,
        timeoutSeconds: 5);

    /// <summary>
    /// A Job named after its content (<see cref="Jobs.RunOnce"/>): a changed task, queue, image or Celery module is a
    /// new Job that runs once; an unchanged one keeps its name and does not run again.
    /// </summary>
    private static V1Job Producer(StackContext context, CeleryWorkersSettings settings, RabbitMqOutputs broker)
    {
        var producer = settings.Producer;
        var call = Celery("producer", settings, broker, producer.Resources, ["call", producer.Task, "--queue", producer.Queue]);
        return Jobs.RunOnce(
            context,
            context.Name(ProducerComponent),
            ProducerComponent,
            Pods.Spec(call, settings.RunAs) with { Volumes = [ConfigVolume(context)] },
            producer.BackoffLimit,
            producer.Deadline.Value);
    }

    /// <summary>
    /// A container running `celery -A APP COMMAND...` in the app directory, where the configuration module is mounted
    /// (celery puts its working directory on the import path), with the variables the module reads.
    /// </summary>
    private static V1Container Celery(string name, CeleryWorkersSettings settings, RabbitMqOutputs broker, ComputeResources? resources, IEnumerable<string> command) => new()
    {
        Name = name,
        Image = settings.Image.ToString(),
        Command = ["celery", "-A", settings.App, .. command],
        WorkingDir = settings.AppDirectory,
        Env = [.. CeleryConfigModule.Variables(broker)],
        VolumeMounts =
        [
            new V1VolumeMount
            {
                Name = ConfigPart,
                MountPath = $"{settings.AppDirectory.TrimEnd('/')}/{CeleryConfigModule.FileName}",
                SubPath = CeleryConfigModule.FileName,
                ReadOnlyProperty = true,
            },
        ],
        Resources = resources.ToKubernetes(),
    };

    private static V1Volume ConfigVolume(StackContext context) =>
        new() { Name = ConfigPart, ConfigMap = new V1ConfigMapVolumeSource { Name = context.Name(ConfigPart) } };

    /// <summary>
    /// True while the pod holds an established connection to the broker's AMQP port, read from /proc/net/tcp: a
    /// grep, not `celery inspect ping`, which starts a Python interpreter, imports the app and round-trips the
    /// broker on every probe (heavy, and slow enough on a busy worker to get it killed mid-task). Kombu reconnects
    /// by itself within seconds, so a connection missing for minutes means a stuck worker; a hung worker loses its
    /// connection when the broker stops hearing its heartbeats. The trade-off: a connection is not consumption, and a
    /// worker stuck in a consume loop stays Ready; the broker's consumer count per queue (its Prometheus port) is
    /// what shows that, as alert rules once the render can emit custom resources (README, workers' contract).
    /// </summary>
    private static V1Probe BrokerConnected(RabbitMqOutputs broker) => Probes.Exec(
        ["sh", "-c", $"grep -qs ' [0-9A-F]*:{broker.AmqpPort:X4} 01 ' /proc/net/tcp /proc/net/tcp6"],
        periodSeconds: 10,
        timeoutSeconds: 5);

    private static string WorkersName(StackContext context, CeleryQueue queue) => context.Name(Slug(queue.Name));

    private static string QueueComponent(CeleryQueue queue) => $"worker-{Slug(queue.Name)}";

    private static string Slug(string queue) => queue.Replace('_', '-').Replace('.', '-').ToLowerInvariant();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
