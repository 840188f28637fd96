using k8s;
using k8s.Models;
using StackGen.Building;
using StackGen.Rendering;
using StackGen.Settings;
using StackGen.Stacks.Celery;
using StackGen.Stacks.RabbitMq;
using StackGen.Tests.Support;
using StackGen.Workloads;

namespace StackGen.Tests.Stacks;

/// <summary>
/// The workers stack: Celery configured by the rendered module (quorum queues declared by the client, late acks, a
/// URL any password fits in, the Celery version contract), beat probed by its heartbeat, numeric users.
/// </summary>
public sealed class CeleryWorkersTests
{
    private const string Module = CeleryConfigModule.FileName;

    public static TheoryData<string> Environments() => [.. Renders.Environments];

    /// <summary>Every workload of the workers stack (worker Deployments, beat, the producer Job).</summary>
    private static IKubernetesObject<V1ObjectMeta>[] Workloads(RenderResult result) =>
        [.. result.Objects.Where(o => o.Stack == "workers" && PodTemplates.Of(o.Resource) is not null).Select(o => o.Resource)];

    private static string[] Lines(string module) => module.Split('\n');

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_celery_container_loads_the_stack_module_from_the_app_directory(string environment)
    {
        var result = Renders.Render(environment);

        Assert.NotEmpty(Workloads(result));
        Assert.All(Workloads(result), workload =>
        {
            var pod = workload.Template().Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Equal("/app", container.WorkingDir);
            var mount = Assert.Single(container.VolumeMounts, m => m.SubPath == Module);
            Assert.Equal("/app/" + Module, mount.MountPath);
            Assert.True(mount.ReadOnlyProperty);
            Assert.Equal("workers-celery", pod.Volumes.Single(v => v.Name == mount.Name).ConfigMap.Name);
            Assert.Equal("stackgen_celeryconfig", container.Env.Single(e => e.Name == "CELERY_CONFIG_MODULE").Value);
            Assert.DoesNotContain(container.Env, e => e.Name == "CELERY_BROKER_URL" || e.Name.StartsWith("CELERY_TASK_", StringComparison.Ordinal));
            Assert.Equal(["celery", "-A", "shop"], container.Command.Take(3));
        });
        Assert.Contains(Module, result.Find<V1ConfigMap>("workers-celery").Data.Keys);
    }

    [Fact]
    public void The_app_directory_setting_moves_the_working_directory_and_the_module()
    {
        var worker = Renders.Render("staging", ["workers.appDirectory=/srv/shop"]).Find<V1Deployment>("workers-emails").Container("worker");

        Assert.Equal("/srv/shop", worker.WorkingDir);
        Assert.Equal("/srv/shop/" + Module, worker.VolumeMounts.Single(m => m.SubPath == Module).MountPath);
    }

    [Fact]
    public void A_relative_app_directory_is_an_input_error()
    {
        var error = Refused.Sets("workers.appDirectory=app");

        Assert.Equal("--set workers.appDirectory=app: error: workers.appDirectory: expected an absolute path such as /app, got 'app'", error);
    }

    /// <summary>Celery turns global QoS off only for queues the client declares quorum; a server default is not seen.</summary>
    [Fact]
    public void Workers_declare_every_queue_quorum_and_route_unrouted_tasks_to_the_default_queue()
    {
        var result = Renders.Render("production");
        var module = CeleryModules.Text(result, "workers-celery");
        var queues = Settings(result).Queues.Select(q => q.Name);

        Assert.Equal(
            queues.Select(q => $$"""    Queue("{{q}}", Exchange("{{q}}"), routing_key="{{q}}", queue_arguments={"x-queue-type": "quorum"}),"""),
            CeleryModules.Block(module, "task_queues = [").TrimEnd('\n').Split('\n'));
        Assert.Contains("task_default_queue = \"default\"", Lines(module));
        Assert.Contains("worker_detect_quorum_queues = True", Lines(module));
    }

    /// <summary>Celery reads no CELERY_TASK_* variable: late acks exist only when its configuration sets them.</summary>
    [Fact]
    public void Workers_ack_late_and_requeue_the_tasks_of_a_lost_worker()
    {
        var module = CeleryModules.Text(Renders.Render("production"), "workers-celery");

        Assert.Contains("task_acks_late = True", Lines(module));
        Assert.Contains("task_reject_on_worker_lost = True", Lines(module));
    }

    /// <summary>Every production queue's worker, with the queue's concurrency and time limit from the environment files.</summary>
    [Fact]
    public void The_worker_command_keeps_its_contract()
    {
        var result = Renders.Render("production");
        var settings = Settings(result);

        Assert.All(settings.Queues, queue =>
        {
            var worker = Workloads(result).SelectMany(w => w.Template().Spec.Containers).Where(c => c.Name == "worker")
                .Single(c => c.Command.SkipWhile(a => a != "--queues").Skip(1).FirstOrDefault() == queue.Name);
            var timeLimit = (int)(queue.TaskTimeLimit ?? settings.TaskTimeLimit).Value.TotalSeconds;
            Assert.Equal(
                ["celery", "-A", settings.App, "worker", "--loglevel", "INFO", "--queues", queue.Name, "--concurrency", $"{queue.Concurrency}", "--time-limit", $"{timeLimit}",
                 "--prefetch-multiplier", "1", "-O", "fair", "--without-gossip", "--without-mingle"],
                worker.Command);
        });
    }

    private static CeleryWorkersSettings Settings(RenderResult result) => (CeleryWorkersSettings)result.Environment.Find("workers")!.Settings.Value;

    /// <summary>
    /// The kubelet's $(VAR) expansion splices a password into a URL raw ('/', '+', '=' break it, '@', '#' cut it);
    /// the module reads the credentials from the environment and URL-quotes them itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void The_broker_password_reaches_the_url_quoted_never_spliced_by_the_kubelet(string environment)
    {
        var result = Renders.Render(environment);
        var module = CeleryModules.Text(result, "workers-celery");

        Assert.Contains("""_login = ":".join(quote(os.environ[name], safe="") for name in ("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"))""", Lines(module));
        Assert.Contains("""broker_url = ";".join("amqp://%s@%s:%d/%s" % (_login, node, 5672, _vhost) for node in _nodes)""", Lines(module));
        Assert.All(Workloads(result), workload =>
        {
            var env = workload.Template().Spec.Containers.Single().Env;
            var password = env.Single(e => e.Name == "RABBITMQ_PASSWORD").ValueFrom.SecretKeyRef;
            Assert.Equal(("rabbitmq-default-user", "password"), (password.Name, password.Key));
            Assert.Equal("app", env.Single(e => e.Name == "RABBITMQ_USERNAME").Value);
            Assert.DoesNotContain(env, e => e.Value?.Contains("$(", StringComparison.Ordinal) == true);
        });
    }

    /// <summary>Values land inside the template's string literals; one that could end a literal or add a line is refused.</summary>
    [Fact]
    public void A_value_that_could_end_a_string_literal_never_reaches_the_module()
    {
        const string node = "n\"]\nimport os\nos.system(\"id\")\n[\"";
        const string vhost = "shop\\\", safe=\"\")\nbroker_url = \"amqp://evil\"\n#";
        const string queue = "q\"), Queue(\"x\"";
        var password = new SecretRef("s", "k");
        string Render(string n, string v, string q) =>
            CeleryConfigModule.Render(new RabbitMqOutputs([n], "svc", 5672, v, "app", password), new CeleryOutputs([q], q), consumes: true);

        Assert.Contains("\"n\",", Render("n", "v", "q"), StringComparison.Ordinal);
        Assert.Equal('"', Assert.Throws<ConfigValueException>(() => Render(node, "v", "q")).Refused);
        Assert.Equal('\\', Assert.Throws<ConfigValueException>(() => Render("n", vhost, "q")).Refused);
        Assert.Equal('"', Assert.Throws<ConfigValueException>(() => Render("n", "v", queue)).Refused);
    }

    [Theory]
    [InlineData("5.4.2")]
    [InlineData("5.2.6")]
    [InlineData("4.4")]
    public void A_celery_older_than_5_5_is_an_input_error_naming_the_setting(string version)
    {
        var error = Refused.Stacks($"  rabbitmq: {{}}\n  workers:\n    celeryVersion: {version}\n");

        Assert.StartsWith("environments/dev.yaml:8:20: error: workers.celeryVersion: expected Celery 5.5.0 or later (", error);
        Assert.EndsWith($"got '{version}'", error);
    }

    [Theory]
    [InlineData("5.5.0")]
    [InlineData("5.6")]
    [InlineData("6.0.1")]
    public void A_celery_from_5_5_on_renders(string version) =>
        Assert.Equal(0, CliRun.In(Repository.Root, "render", "--env", "dev", "--set", $"workers.celeryVersion={version}").ExitCode);

    /// <summary>An image whose Celery is older than the setting says crash-loops with one clear line instead of reconnecting forever.</summary>
    [Fact]
    public void The_module_refuses_an_older_celery_when_it_is_imported()
    {
        var lines = Lines(CeleryModules.Text(Renders.Render("dev"), "workers-celery"));

        Assert.Contains($"_MINIMUM_CELERY = \"{CeleryConfigModule.MinimumCeleryVersion}\"", lines);
        Assert.Contains("if tuple(celery.VERSION[:3]) < tuple(int(part) for part in _MINIMUM_CELERY.split(\".\")):", lines);
        Assert.Contains("    raise ImportError(", lines);
        Assert.Contains("        \"stackgen: Celery %s found, quorum queues need Celery >= %s (settings: workers.celeryVersion)\"", lines);
    }

    /// <summary>dbm.ndbm does not update the schedule file's mtime when it syncs: beat's probes watch a heartbeat its scheduler touches.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Beat_is_probed_by_the_heartbeat_its_scheduler_touches(string environment)
    {
        var result = Renders.Render(environment);
        var beat = result.Find<V1Deployment>("workers-beat").Container("beat");
        var heartbeat = beat.Env.Single(e => e.Name == CeleryConfigModule.HeartbeatVariable).Value;
        var module = Lines(CeleryModules.Text(result, "workers-celery"));

        Assert.Equal(["--scheduler", "stackgen_celeryconfig:HeartbeatScheduler"], beat.Command.SkipWhile(a => a != "--scheduler").Take(2));
        Assert.StartsWith(beat.VolumeMounts.Single(m => m.Name == "state").MountPath + "/", heartbeat, StringComparison.Ordinal);
        Assert.All(new[] { beat.StartupProbe, beat.ReadinessProbe, beat.LivenessProbe }, probe =>
        {
            var command = string.Join(' ', probe.Exec.Command);
            Assert.Contains($"find {heartbeat} -mmin -", command, StringComparison.Ordinal);
            Assert.DoesNotContain("celerybeat-schedule", command, StringComparison.Ordinal);
        });
        Assert.Contains("class HeartbeatScheduler(PersistentScheduler):", module);
        Assert.Contains($"        pathlib.Path(os.environ[\"{CeleryConfigModule.HeartbeatVariable}\"]).touch()", module);
        Assert.Contains("        return min(super().tick(*args, **kwargs), 30)", module);
    }

    [Fact]
    public void A_change_to_the_module_rolls_every_celery_pod()
    {
        static Dictionary<string, string> Checksums(RenderResult result) =>
            Workloads(result).ToDictionary(w => w.Metadata.Name, w => w.Template().Metadata.Annotations[ConfigChecksums.Annotation]);

        var before = Checksums(Renders.Render("staging"));
        var after = Checksums(Renders.Render("staging", ["rabbitmq.vhost=shop"]));

        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, pair => Assert.NotEqual(pair.Value, after[pair.Key]));
    }

    /// <summary>With only runAsNonRoot, the kubelet refuses an image whose user is root or a name.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_celery_pod_runs_as_a_numeric_user_and_group(string environment)
    {
        Assert.All(Workloads(Renders.Render(environment)), workload =>
        {
            var security = workload.Template().Spec.SecurityContext;
            Assert.True(security.RunAsNonRoot);
            Assert.Equal((1000L, 1000L), (security.RunAsUser, security.RunAsGroup));
        });
        Assert.All(Workloads(Renders.Render(environment, ["workers.runAs.user=2000", "workers.runAs.group=3000"])), workload =>
            Assert.Equal((2000L, 3000L), (workload.Template().Spec.SecurityContext.RunAsUser, workload.Template().Spec.SecurityContext.RunAsGroup)));
    }

    [Fact]
    public void Root_is_refused_as_the_celery_user()
    {
        Assert.Equal("--set workers.runAs.user=0: error: workers.runAs.user: expected an integer at least 1, got '0'", Refused.Sets("workers.runAs.user=0"));
    }
}
