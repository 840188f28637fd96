using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using StackGen.Binding;
using StackGen.CustomResources.Monitoring.V1;
using StackGen.Layering;
using StackGen.Stacks.RabbitMq;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Stacks;

/// <summary>The rabbitmq stack: the production lessons, a stop that always has time left, console logs, RabbitMQ 4.1+, and its Prometheus Operator objects.</summary>
public sealed partial class RabbitMqClusterTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Rabbitmq_encodes_the_production_lessons(string environment)
    {
        var result = Renders.Render(environment);
        var nodes = result.Find<V1StatefulSet>("rabbitmq");
        var peers = result.Find<V1Service>(nodes.Spec.ServiceName);
        var config = result.Find<V1ConfigMap>("rabbitmq-config").Data["rabbitmq.conf"];

        Assert.Equal("apps/v1", nodes.ApiVersion);
        Assert.Equal("None", peers.Spec.ClusterIP);
        Assert.True(peers.Spec.PublishNotReadyAddresses);
        Assert.Contains("cluster_partition_handling = pause_minority", config, StringComparison.Ordinal);
        Assert.Contains("default_queue_type = quorum", config, StringComparison.Ordinal);
        Assert.Equal(
            "kubernetes.io/hostname",
            nodes.Spec.Template.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Single().PodAffinityTerm.TopologyKey);
        Assert.Equal(nodes.Spec.Selector.MatchLabels, result.Find<V1PodDisruptionBudget>("rabbitmq").Spec.Selector.MatchLabels);
        var broker = nodes.Container("rabbitmq");
        Assert.NotNull(broker.ReadinessProbe);
        Assert.NotNull(broker.LivenessProbe);
        Assert.NotNull(broker.Env.Single(e => e.Name == "RABBITMQ_DEFAULT_PASS").ValueFrom.SecretKeyRef);
    }

    /// <summary>
    /// The stack's own lint rules (declared by RabbitMqCluster.Rules, fed by the RabbitMqNodes fact its build states) fire on
    /// its settings and blame them by the binder's name, taken from RabbitMqSettings: renaming the property fails the build
    /// (nameof), and a name the binder does not use fails here (the finding would sit at the stack, not at the --set).
    /// </summary>
    [Theory]
    [InlineData("SG2001", nameof(RabbitMqSettings.PartitionHandling), "ignore")]
    [InlineData("SG2009", nameof(RabbitMqSettings.Replicas), "4")]
    public void Its_rules_fire_on_its_settings_and_name_them(string rule, string property, string value)
    {
        var set = $"rabbitmq.{SettingNames.Path(property)}={value}";

        var report = Linter.Run(Renders.Shipped.Render("production", [set]));

        var finding = Assert.Single(report.Active, f => f.Rule.Id == rule);
        Assert.Equal("StatefulSet/rabbitmq", finding.ObjectId);
        Assert.Equal(SettingNames.Path(property), finding.Setting);
        Assert.Equal($"--set {set}", finding.Location.Text);
        Assert.Contains(rule, Linter.RulesFor([new RabbitMqCluster()]).Select(r => r.Id));
        Assert.DoesNotContain(rule, Linter.Rules.Select(r => r.Id));
    }

    /// <summary>The rules read the fact the stack states, never the image: another image changes nothing, and no fact means no finding.</summary>
    [Fact]
    public void Its_rules_read_the_stated_fact_not_the_image()
    {
        var renamed = Renders.Shipped.Render("production", ["rabbitmq.partitionHandling=ignore"]);
        renamed.Find<V1StatefulSet>("rabbitmq").Spec.Template.Spec.Containers[0].Image = "registry.example/mq:4.1";
        var withoutFact = renamed with { Facts = [.. renamed.Facts.Where(f => f.Fact is not RabbitMqNodes)] };

        Assert.Contains(Linter.Run(renamed).Active, f => f.Rule.Id == "SG2001");
        Assert.DoesNotContain(Linter.Run(withoutFact).Active, f => f.Rule.Id == "SG2001");
    }

    /// <summary>The storage and resources each environment's files give RabbitMQ, and resources wherever the tier is production.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Rabbitmq_storage_and_resources_follow_the_environment_files(string environment)
    {
        var result = Renders.Render(environment);
        var settings = (RabbitMqSettings)result.Environment.Find("rabbitmq")!.Settings.Value;
        var nodes = result.Find<V1StatefulSet>("rabbitmq");
        var claim = nodes.Spec.VolumeClaimTemplates.Single().Spec;
        var limits = nodes.Container("rabbitmq").Resources?.Limits;

        Assert.Equal(settings.Storage.StorageClass, claim.StorageClassName);
        Assert.Equal(settings.Storage.Size.ToKubernetes().ToString(), claim.Resources.Requests["storage"].ToString());
        Assert.Equal(settings.Resources?.Limits.Memory?.ToKubernetes().ToString(), limits?["memory"].ToString());
        if (result.Environment.Tier == Tier.Production)
        {
            Assert.NotNull(limits);
        }
    }

    /// <summary>
    /// The kubelet counts preStop against the grace period: whatever the hook's commands may take (their -t timeouts
    /// plus the CLI's start-up each) must leave RabbitMQ its stop time before SIGKILL.
    /// </summary>
    [Theory]
    [InlineData(180)]
    [InlineData(300)]
    [InlineData(600)]
    [InlineData(1800)]
    [InlineData(3600)]
    public void PreStop_leaves_the_stop_time_inside_the_grace_period(int grace)
    {
        var nodes = Renders.Render("production", [$"rabbitmq.terminationGracePeriodSeconds={grace}"]).Find<V1StatefulSet>("rabbitmq");
        var hook = string.Join(' ', nodes.Container("rabbitmq").Lifecycle.PreStop.Exec.Command);

        var timeouts = Timeout().Matches(hook).Select(m => int.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture)).ToArray();
        var budget = timeouts.Sum() + (timeouts.Length * RabbitMqCluster.CommandStartSeconds);

        Assert.Equal(grace, nodes.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Matches("^sh -c rabbitmq-upgrade await_online_quorum_plus_one -t [0-9]+ && rabbitmq-upgrade drain -t [0-9]+$", hook);
        Assert.Equal(2, timeouts.Length);
        Assert.All(timeouts, t => Assert.True(t > 0, $"timeout {t} in '{hook}'"));
        Assert.True(budget + RabbitMqCluster.StopSeconds <= grace, $"preStop may take {budget} s and stopping {RabbitMqCluster.StopSeconds} s, but the grace period is {grace} s: '{hook}'");
    }

    [Fact]
    public void A_grace_period_too_short_for_the_hook_and_the_stop_is_refused()
    {
        var error = Refused.Sets("rabbitmq.terminationGracePeriodSeconds=120");

        Assert.StartsWith("--set rabbitmq.terminationGracePeriodSeconds=120: error: rabbitmq.terminationGracePeriodSeconds: expected an integer from 180 to 3600", error);
    }

    /// <summary>The ConfigMap over conf.d hides the image's defaults, console logging among them: kubectl logs would be empty.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Rabbitmq_logs_to_the_console(string environment)
    {
        var config = Renders.Render(environment).Find<V1ConfigMap>("rabbitmq-config").Data["rabbitmq.conf"];

        Assert.Contains("\nlog.console = true\n", config, StringComparison.Ordinal);
        Assert.Contains("\nlog.file = false\n", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rabbitmq:3.13.7-management")]
    [InlineData("rabbitmq:4.0.9")]
    [InlineData("registry.example.com/mirror/rabbitmq:3.12")]
    [InlineData("rabbitmq:3-management")]
    public void An_image_older_than_4_1_is_an_input_error_naming_the_setting(string image)
    {
        var error = Refused.Stacks($"  rabbitmq:\n    image: {image}\n");

        Assert.StartsWith("environments/dev.yaml:7:12: error: rabbitmq.image: expected RabbitMQ 4.1 or later (", error);
        Assert.EndsWith($"got '{image}'", error);
    }

    [Theory]
    [InlineData("rabbitmq:4.1.0")]
    [InlineData("rabbitmq:4.10.2-management")]
    [InlineData("rabbitmq:5.0")]
    [InlineData("rabbitmq:management")]
    [InlineData("rabbitmq@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Images_from_4_1_on_or_without_a_version_in_the_tag_are_accepted(string image) =>
        Assert.Equal(image, Renders.Render("dev", [$"rabbitmq.image={image}"]).Find<V1StatefulSet>("rabbitmq").Container("rabbitmq").Image);

    /// <summary>Monitoring needs the Prometheus Operator in the cluster: off unless the environment turns it on.</summary>
    [Fact]
    public void Monitoring_is_off_by_default_and_on_where_the_environment_says()
    {
        Assert.DoesNotContain(Renders.Render("dev").Objects, o => o.ApiVersion == "monitoring.coreos.com/v1");
        Assert.Equal(
            ["PrometheusRule/rabbitmq", "ServiceMonitor/rabbitmq"],
            Renders.Render("production").Objects.Where(o => o.ApiVersion == "monitoring.coreos.com/v1").Select(o => o.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>The ServiceMonitor scrapes something: the client Service's prometheus port, which the config and plugins serve.</summary>
    [Fact]
    public void The_service_monitor_scrapes_the_port_rabbitmq_prometheus_listens_on()
    {
        var result = Renders.Render("production");
        var monitor = result.Find<ServiceMonitor>("rabbitmq");
        var service = result.Find<V1Service>("rabbitmq");
        var config = result.Find<V1ConfigMap>("rabbitmq-config");
        var port = service.Spec.Ports.Single(p => p.Name == "prometheus");

        Assert.All(monitor.Spec.Endpoints, e => Assert.Equal("prometheus", e.Port));
        Assert.All(monitor.Spec.Selector!.MatchLabels!, label => Assert.Equal(label.Value, service.Metadata.Labels[label.Key]));
        Assert.Equal(15692, port.Port);
        Assert.Contains($"\nprometheus.tcp.port = {port.Port}\n", config.Data["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.Contains("rabbitmq_prometheus", config.Data["enabled_plugins"], StringComparison.Ordinal);
        Assert.Equal(
            ["queue_coarse_metrics", "queue_consumer_count"],
            monitor.Spec.Endpoints.Single(e => e.Path == "/metrics/detailed").Params!["family"]);
        Assert.Equal("kube-prometheus-stack", monitor.Metadata.Labels["release"]);
        Assert.Equal("kube-prometheus-stack", result.Find<PrometheusRule>("rabbitmq").Metadata.Labels["release"]);
    }

    /// <summary>The alerts follow the cluster's size: all nodes, a majority for quorum queues, a full mesh of n(n-1) links.</summary>
    [Theory]
    [InlineData(3, 2, 6)]
    [InlineData(5, 3, 20)]
    public void The_alerts_cover_the_lessons_and_follow_the_replica_count(int replicas, int majority, int links)
    {
        var rule = Renders.Render("production", [$"rabbitmq.replicas={replicas}"]).Find<PrometheusRule>("rabbitmq");
        var alerts = Assert.Single(rule.Spec.Groups!).Rules!.ToDictionary(r => r.Alert!, r => r.Expr.Value);

        Assert.Equal(
            ["RabbitMQMemoryAlarm", "RabbitMQNodePausedOrDown", "RabbitMQPartitioned", "RabbitMQQueueWithoutConsumers", "RabbitMQQuorumQueuesWithoutLeader"],
            alerts.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith($" < {replicas}", alerts["RabbitMQNodePausedOrDown"], StringComparison.Ordinal);
        Assert.EndsWith($" < {majority}", alerts["RabbitMQQuorumQueuesWithoutLeader"], StringComparison.Ordinal);
        Assert.EndsWith($" < {links}", alerts["RabbitMQPartitioned"], StringComparison.Ordinal);
        Assert.Contains("rabbitmq_alarms_memory_used_watermark{namespace=\"shop\", service=\"rabbitmq\"}", alerts["RabbitMQMemoryAlarm"], StringComparison.Ordinal);
        Assert.Contains("rabbitmq_detailed_queue_consumers{", alerts["RabbitMQQueueWithoutConsumers"], StringComparison.Ordinal);
        Assert.All(rule.Spec.Groups![0].Rules!, r => Assert.True(r.Labels!["severity"] is "critical" or "warning", r.Alert));
    }

    /// <summary>A single node has no peers to be partitioned from.</summary>
    [Fact]
    public void A_single_node_has_no_partition_alert()
    {
        var rule = Renders.Render("production", ["rabbitmq.replicas=1"]).Find<PrometheusRule>("rabbitmq");

        Assert.DoesNotContain(rule.Spec.Groups![0].Rules!, r => r.Alert == "RabbitMQPartitioned");
    }

    [GeneratedRegex(@" -t (?<seconds>[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Timeout();
}
