using k8s.Models;
using StackGen.Facts;
using StackGen.Tests.Fixtures;
using StackGen.Tests.Support;
using StackGen.Validation;

namespace StackGen.Tests.Lint;

/// <summary>
/// Each rule against one deliberately broken copy of a fixture render (it must fire, exactly once) and against the
/// unbroken fixture render (it must stay quiet at every severity); the organisation's own environments lint without
/// errors for their tier (warnings are what render accepts).
/// </summary>
public sealed class RuleTests
{
    private static V1StatefulSet Broker(StackGen.Rendering.RenderResult r) => r.Find<V1StatefulSet>("broker");

    private static V1Container BrokerContainer(StackGen.Rendering.RenderResult r) => Broker(r).Spec.Template.Spec.Containers.Single(c => c.Name == "broker");

    public static TheoryData<string, string> Environments() => RulesBy(Renders.Environments, Renders.Catalog);

    public static TheoryData<string, string> FixtureEnvironments() => RulesBy(FixtureOrganisation.Organisation.Environments, FixtureOrganisation.Catalog);

    private static TheoryData<string, string> RulesBy(IEnumerable<string> environments, StackGen.Stacks.StackCatalog catalog)
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in environments)
        {
            foreach (var rule in Linter.RulesFor(catalog.Stacks))
            {
                data.Add(rule.Id, environment);
            }
        }

        return data;
    }

    /// <summary>Lint clean for the tier: no finding at error severity, which is what makes render refuse.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Shipped_stacks_lint_clean(string rule, string environment)
    {
        var report = Linter.Run(Renders.Render(environment));

        Assert.DoesNotContain(report.Active, f => f.Rule.Id == rule && f.Severity >= Severity.Error);
    }

    [Theory]
    [MemberData(nameof(FixtureEnvironments))]
    public void Fixture_stacks_lint_clean_at_every_severity(string rule, string environment)
    {
        var report = LintRun.Of(environment);

        Assert.DoesNotContain(report.Findings, f => f.Rule.Id == rule);
    }

    private static void AssertFires(string rule, LintReport report, string objectId)
    {
        var finding = Assert.Single(report.Active, f => f.Rule.Id == rule);
        Assert.Equal(objectId, finding.ObjectId);
    }

    [Fact]
    public void SG1001_rejects_a_service_name_that_is_not_a_dns_label() =>
        AssertFires("SG1001", LintRun.Of("production", r => r.Find<V1Service>("broker").Metadata.Name = "Broker_Client"), "Service/Broker_Client");

    [Fact]
    public void SG1001_rejects_a_job_name_its_pods_label_cannot_hold()
    {
        var name = new string('j', 64);
        var report = LintRun.Of("production", r => r.With("worker", new V1Job
        {
            ApiVersion = V1Job.KubeGroup + "/" + V1Job.KubeApiVersion,
            Kind = V1Job.KubeKind,
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Labels = new Dictionary<string, string>() },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [] } } },
        }));

        Assert.Contains(report.Active, f => f.Rule.Id == "SG1001" && f.ObjectId == $"Job/{name}");
    }

    [Fact]
    public void SG1002_rejects_a_label_value_with_spaces() =>
        AssertFires("SG1002", LintRun.Of("production", r => Broker(r).Metadata.Labels["team"] = "platform team"), "StatefulSet/broker");

    [Fact]
    public void SG1003_rejects_a_selector_that_misses_the_template() =>
        AssertFires("SG1003", LintRun.Of("production", r => Broker(r).Spec.Selector.MatchLabels["extra"] = "x"), "StatefulSet/broker");

    [Fact]
    public void SG1004_rejects_a_port_name_longer_than_15_characters() =>
        AssertFires("SG1004", LintRun.Of("production", r => BrokerContainer(r).Ports.Single(p => p.Name == "management").Name = "management-console"), "StatefulSet/broker");

    [Fact]
    public void SG1005_rejects_a_probe_on_an_undeclared_port() =>
        AssertFires("SG1005", LintRun.Of("production", r => BrokerContainer(r).ReadinessProbe.TcpSocket.Port = "ampq"), "StatefulSet/broker");

    [Fact]
    public void SG1006_rejects_a_request_above_its_limit() =>
        AssertFires("SG1006", LintRun.Of("production", r => BrokerContainer(r).Resources.Requests["memory"] = new ResourceQuantity("8Gi")), "StatefulSet/broker");

    [Fact]
    public void SG1007_rejects_a_service_name_that_is_not_headless() =>
        AssertFires("SG1007", LintRun.Of("production", r => Broker(r).Spec.ServiceName = "broker"), "StatefulSet/broker");

    [Fact]
    public void SG1008_rejects_a_disruption_budget_that_selects_nothing() =>
        AssertFires("SG1008", LintRun.Of("production", r => r.Find<V1PodDisruptionBudget>("broker").Spec.Selector.MatchLabels["app.kubernetes.io/component"] = "brokers"), "PodDisruptionBudget/broker");

    [Fact]
    public void SG1009_rejects_a_config_map_that_is_neither_rendered_nor_external() =>
        AssertFires("SG1009", LintRun.Of("production", r => Broker(r).Spec.Template.Spec.Volumes.Single(v => v.Name == "config").ConfigMap.Name = "broker-conf"), "StatefulSet/broker");

    [Fact]
    public void SG1010_rejects_an_autoscaler_whose_target_sets_replicas()
    {
        var report = LintRun.Of("production", r =>
        {
            var hpa = r.Objects.Select(o => o.Resource).OfType<V2HorizontalPodAutoscaler>().First();
            r.Find<V1Deployment>(hpa.Spec.ScaleTargetRef.Name).Spec.Replicas = 4;
            return r;
        }, "worker.autoscaling.enabled=true");

        Assert.Single(report.Active, f => f.Rule.Id == "SG1010");
    }

    [Fact]
    public void SG1011_rejects_a_container_without_an_image() =>
        AssertFires("SG1011", LintRun.Of("production", r => BrokerContainer(r).Image = null), "StatefulSet/broker");

    [Fact]
    public void SG1012_rejects_a_removed_api_version_and_replication_controllers()
    {
        var report = LintRun.Of("production", r =>
        {
            Broker(r).ApiVersion = "apps/v1beta1";
            return r.With("broker", new V1ReplicationController { ApiVersion = "v1", Kind = "ReplicationController", Metadata = new V1ObjectMeta { Name = "backup" } });
        });

        Assert.Equal(["ReplicationController/backup", "StatefulSet/broker"], report.Active.Where(f => f.Rule.Id == "SG1012").Select(f => f.ObjectId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SG2001_rejects_ignore_partition_handling_and_names_the_setting()
    {
        var report = LintRun.Of("production", sets: "broker.partitionHandling=ignore");

        var finding = Assert.Single(report.Active, f => f.Rule.Id == "SG2001");
        Assert.Equal("--set broker.partitionHandling=ignore", finding.Location.Text);
    }

    [Fact]
    public void SG2001_accepts_ignore_on_a_single_node() =>
        Assert.DoesNotContain("SG2001", LintRun.Of("production", sets: ["broker.partitionHandling=ignore", "broker.replicas=1"]).Ids());

    [Fact]
    public void SG2009_rejects_an_even_rabbitmq_cluster_and_names_the_setting()
    {
        var report = LintRun.Of("production", sets: "broker.replicas=4");

        var finding = Assert.Single(report.Active, f => f.Rule.Id == "SG2009");
        Assert.Equal("StatefulSet/broker", finding.ObjectId);
        Assert.Equal("--set broker.replicas=4", finding.Location.Text);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void SG2009_accepts_a_single_node_and_odd_clusters(int replicas) =>
        Assert.DoesNotContain("SG2009", LintRun.Of("production", sets: $"broker.replicas={replicas}").Ids());

    [Fact]
    public void SG2002_rejects_replicas_that_may_share_a_node() =>
        AssertFires("SG2002", LintRun.Of("production", r => Broker(r).Spec.Template.Spec.Affinity = null), "StatefulSet/broker");

    [Fact]
    public void SG2003_requires_resources_in_production_but_not_in_development()
    {
        Assert.Contains("SG2003", LintRun.Of("production", sets: "broker.resources=null").Ids());
        Assert.DoesNotContain("SG2003", LintRun.Of("dev", sets: "broker.resources=null").Ids());
    }

    /// <summary>The backup's stack states that it runs at low priority; a backup that does not (the fact says so) and has no limits fails twice.</summary>
    [Fact]
    public void SG2004_rejects_an_unbounded_backup_in_production()
    {
        var report = LintRun.Of("production", r =>
        {
            r.Find<V1Deployment>("backup").Spec.Template.Spec.Containers[0].Resources.Limits = null;
            return r with { Facts = [.. r.Facts.Select(f => f.Fact is BackupWorkload backup ? f with { Fact = backup with { LowPriority = false } } : f)] };
        });

        var findings = report.Active.Where(f => f.Rule.Id == "SG2004").ToArray();
        Assert.Equal(2, findings.Length);
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Equal("resources", findings.Single(f => f.Message.Contains("limits", StringComparison.Ordinal)).Setting);
    }

    /// <summary>Backups are what their stack states, not what their image is called: no fact, no finding.</summary>
    [Fact]
    public void SG2004_checks_the_workloads_stated_as_backups_only()
    {
        var report = LintRun.Of("production", r =>
        {
            var backup = r.Find<V1Deployment>("backup").Spec.Template.Spec.Containers[0];
            backup.Resources.Limits = null;
            backup.Image = "pghoard:1.2";
            return r with { Facts = [.. r.Facts.Where(f => f.Fact is not BackupWorkload)] };
        });

        Assert.DoesNotContain("SG2004", report.Ids());
    }

    [Fact]
    public void SG2005_rejects_literal_secrets_in_env_args_and_config_maps()
    {
        var report = LintRun.Of("production", r =>
        {
            BrokerContainer(r).Env.Add(new V1EnvVar { Name = "RABBITMQ_ERLANG_COOKIE", Value = "changeThis" });
            BrokerContainer(r).Args = ["--password=hunter2"];
            r.Find<V1ConfigMap>("broker-config").Data["extra.conf"] = "default_pass = guest\nurl = amqp://app:s3cret@host/\n";
        });

        Assert.Equal(4, report.Active.Count(f => f.Rule.Id == "SG2005"));
    }

    [Fact]
    public void SG2005_accepts_kubelet_references()
    {
        var report = LintRun.Of("production", r => BrokerContainer(r).Env.Add(new V1EnvVar { Name = "BROKER_URL", Value = "amqp://$(USER):$(BROKER_PASSWORD)@host:5672/" }));

        Assert.DoesNotContain("SG2005", report.Ids());
    }

    [Fact]
    public void SG2006_rejects_a_missing_readiness_probe() =>
        AssertFires("SG2006", LintRun.Of("production", r => BrokerContainer(r).ReadinessProbe = null), "StatefulSet/broker");

    [Fact]
    public void SG2007_rejects_latest_in_production_and_names_the_setting()
    {
        var finding = Assert.Single(LintRun.Of("production", sets: "broker.image=rabbitmq:latest").Active, f => f.Rule.Id == "SG2007");

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("--set broker.image=rabbitmq:latest", finding.Location.Text);
    }

    [Fact]
    public void SG2008_rejects_two_beats()
    {
        var report = LintRun.Of("production", r =>
        {
            var (scheduler, _) = Assert.Single(new LintContext(r, []).Facts<SingleWriter>());
            var beat = (V1Deployment)scheduler.Resource;
            beat.Spec.Replicas = 2;
            beat.Spec.Strategy = new V1DeploymentStrategy { Type = "RollingUpdate" };
        });

        Assert.Equal(2, report.Active.Count(f => f.Rule.Id == "SG2008"));
    }

    /// <summary>Single writers are what their stack states (Markers.AsSingleWriter), not guessed from their command.</summary>
    [Fact]
    public void SG2008_checks_the_workloads_stated_as_single_writers_only()
    {
        var report = LintRun.Of("production", r =>
        {
            var scheduler = r.Find<V1Deployment>("worker-scheduler");
            scheduler.Spec.Replicas = 2;
            scheduler.Spec.Template.Spec.Containers[0].Args = ["celery", "beat"];
            return r with { Facts = [.. r.Facts.Where(f => f.Fact is not SingleWriter)] };
        });

        Assert.DoesNotContain("SG2008", report.Ids());
    }

    [Fact]
    public void SG1020_names_a_hook_event_StackGen_cannot_honour_and_says_the_object_is_not_applied()
    {
        var report = LintRun.Of("production", r => Broker(r).Metadata.Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = "test" });

        AssertFires("SG1020", report, "StatefulSet/broker");
        var finding = report.Active.Single(f => f.Rule.Id == "SG1020");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("helm.sh/hook: StackGen does not honour test; it is not applied at all (StackGen honours none of its events)", finding.Message);
    }

    [Fact]
    public void SG1020_names_the_unhonoured_events_of_a_hook_that_runs_for_others_and_a_weight_that_is_no_number()
    {
        var report = LintRun.Of("production", r => Broker(r).Metadata.Annotations = new Dictionary<string, string>
        {
            ["helm.sh/hook"] = "pre-install, post-delete,post-install",
            ["helm.sh/hook-weight"] = "first",
            ["helm.sh/hook-delete-policy"] = "hook-succeeded,before-hook-deletion",
        });

        Assert.Equal(
            [
                "helm.sh/hook-weight \"first\" is not an integer; it counts as 0",
                "helm.sh/hook: StackGen does not honour post-delete, post-install, delete policy before-hook-deletion; it runs before the workloads for its other events",
            ],
            report.Active.Where(f => f.Rule.Id == "SG1020").Select(f => f.Message));
    }

    [Fact]
    public void SG0001_rejects_a_suppression_without_a_reason_and_keeps_the_finding()
    {
        var report = LintRun.Of("production", r =>
        {
            Broker(r).Metadata.Annotations = new Dictionary<string, string> { ["lint.stackgen.io/SG2006"] = "" };
            BrokerContainer(r).ReadinessProbe = null;
        });

        Assert.Contains("SG0001", report.Ids());
        Assert.Contains("SG2006", report.Ids());
    }

    [Fact]
    public void An_annotation_with_a_reason_suppresses_and_the_finding_is_still_listed()
    {
        var report = LintRun.Of("production", r =>
        {
            Broker(r).Metadata.Annotations = new Dictionary<string, string> { ["lint.stackgen.io/SG2006"] = "probed by the operator's sidecar" };
            BrokerContainer(r).ReadinessProbe = null;
        });

        Assert.DoesNotContain("SG2006", report.Ids());
        var suppressed = Assert.Single(report.Findings, f => f.Rule.Id == "SG2006");
        Assert.Equal("probed by the operator's sidecar", suppressed.SuppressedBecause);
    }
}
