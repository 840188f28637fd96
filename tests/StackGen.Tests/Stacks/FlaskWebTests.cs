using k8s.Models;
using StackGen.Stacks.Celery;
using StackGen.Tests.Support;

namespace StackGen.Tests.Stacks;

/// <summary>The web stack: numeric users, and tasks sent through the same Celery module the workers load.</summary>
public sealed class FlaskWebTests
{
    public static TheoryData<string> Environments() => [.. Renders.Environments];

    /// <summary>With only runAsNonRoot, the kubelet refuses an image whose user is root or a name.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void The_web_pods_run_as_a_numeric_user_and_group(string environment)
    {
        var byDefault = Renders.Render(environment).Find<V1Deployment>("web").Spec.Template.Spec.SecurityContext;
        var set = Renders.Render(environment, ["web.runAs.user=10001", "web.runAs.group=10002"]).Find<V1Deployment>("web").Spec.Template.Spec.SecurityContext;

        Assert.True(byDefault.RunAsNonRoot);
        Assert.Equal((1000L, 1000L), (byDefault.RunAsUser, byDefault.RunAsGroup));
        Assert.Equal((10001L, 10002L), (set.RunAsUser, set.RunAsGroup));
    }

    /// <summary>The web tier's broker URL had the workers' splicing bug; it now loads the same module, found through uWSGI's pythonpath.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Web_sends_tasks_through_the_celery_module_on_its_python_path(string environment)
    {
        var result = Renders.Render(environment);
        var config = result.Find<V1ConfigMap>("web-config");
        var deployment = result.Find<V1Deployment>("web");
        var uwsgi = deployment.Container("uwsgi");
        var mount = uwsgi.VolumeMounts.Single(m => deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == m.Name).ConfigMap?.Name == "web-config");

        Assert.Contains($"pythonpath = {mount.MountPath}", config.Data["uwsgi.ini"].Split('\n'));
        Assert.Equal("stackgen_celeryconfig", uwsgi.Env.Single(e => e.Name == "CELERY_CONFIG_MODULE").Value);
        Assert.NotNull(uwsgi.Env.Single(e => e.Name == "RABBITMQ_PASSWORD").ValueFrom.SecretKeyRef);
        Assert.DoesNotContain(uwsgi.Env, e => e.Name == "CELERY_BROKER_URL" || e.Value?.Contains("$(", StringComparison.Ordinal) == true);
    }

    /// <summary>A client that only sends tasks declares the workers' queues exactly as they do, and needs neither their guard nor their acks.</summary>
    [Fact]
    public void Web_declares_the_workers_queues_as_the_workers_do()
    {
        var result = Renders.Render("production");
        var web = CeleryModules.Text(result, "web-config");
        var workers = CeleryModules.Text(result, "workers-celery");

        Assert.Equal(CeleryModules.Block(workers, "task_queues = ["), CeleryModules.Block(web, "task_queues = ["));
        Assert.Equal(CeleryModules.BrokerNodes(workers), CeleryModules.BrokerNodes(web));
        Assert.Contains("task_default_queue = \"default\"", web.Split('\n'));
        Assert.DoesNotContain("import celery", web, StringComparison.Ordinal);
        Assert.DoesNotContain("task_acks_late", web, StringComparison.Ordinal);
        Assert.Equal(CeleryConfigModule.FileName, Assert.Single(result.Find<V1ConfigMap>("web-config").Data.Keys, k => k.EndsWith(".py", StringComparison.Ordinal)));
    }
}
