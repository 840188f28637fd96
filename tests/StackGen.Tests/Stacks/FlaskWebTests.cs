using k8s.Models;
using StackGen.CustomResources.Gateway.V1;
using StackGen.Objects;
using StackGen.Stacks.Celery;
using StackGen.Tests.Support;

namespace StackGen.Tests.Stacks;

/// <summary>The web stack: numeric users, tasks sent through the same Celery module the workers load, Ingress or Gateway API, the schema migration.</summary>
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

    /// <summary>Staging routes through Gateway API: an HTTPRoute to the web Service's port, attached to the Gateway its settings name, and no Ingress.</summary>
    [Fact]
    public void Staging_routes_through_an_HTTPRoute_and_has_no_Ingress()
    {
        var result = Renders.Render("staging");
        var route = result.Find<HTTPRoute>("web");
        var service = result.Find<V1Service>("web");
        var parent = Assert.Single(route.Spec.ParentRefs!);
        var backend = Assert.Single(Assert.Single(route.Spec.Rules!).BackendRefs!);

        Assert.Equal(("shop", "gateway-system", "https"), (parent.Name, parent.Namespace, parent.SectionName));
        Assert.Equal(["shop.staging.example.com"], route.Spec.Hostnames!);
        Assert.Equal((service.Metadata.Name, service.Spec.Ports.Single().Port), (backend.Name, backend.Port!.Value));
        Assert.Equal("gateway.networking.k8s.io/v1", route.ApiVersion);
        Assert.Equal("shop-staging", route.Metadata.NamespaceProperty);
        Assert.DoesNotContain(result.Objects, o => o.Kind == "Ingress");
    }

    [Fact]
    public void Production_keeps_its_Ingress_and_has_no_HTTPRoute()
    {
        var result = Renders.Render("production");

        Assert.Single(result.Objects, o => o.Kind == "Ingress");
        Assert.DoesNotContain(result.Objects, o => o.Kind == "HTTPRoute");
    }

    [Fact]
    public void An_Ingress_and_an_HTTPRoute_together_are_refused()
    {
        var error = Refused.Sets("web.ingress.enabled=true", "web.gateway.enabled=true", "web.gateway.name=shop");

        Assert.Contains("error: web.gateway.enabled: an HTTPRoute and an Ingress cannot both route to web", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_without_a_gateway_name_is_refused()
    {
        var error = Refused.Sets("web.ingress.enabled=false", "web.gateway.enabled=true");

        Assert.Contains("error: web.gateway.name: expected the name of the Gateway", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_are_off_by_default()
    {
        Assert.DoesNotContain(Renders.Render("dev").Objects, o => o.Kind == "Job" && o.Stack == "web");
        Assert.DoesNotContain(Renders.Render("staging").Objects, o => o.Kind == "Job" && o.Stack == "web");
    }

    /// <summary>The migration runs before the pods roll, in the web image, with the web tier's database variables.</summary>
    [Fact]
    public void The_migration_runs_flask_migrate_before_the_workloads_with_the_web_database_settings()
    {
        var result = Renders.Render("staging", ["web.migrations.enabled=true"]);
        var job = (V1Job)result.Objects.Single(o => o.Kind == "Job" && o.Stack == "web").Resource;
        var migrate = job.Spec.Template.Spec.Containers.Single();
        var uwsgi = result.Find<V1Deployment>("web").Container("uwsgi");

        Assert.Equal(HookPhase.BeforeWorkloads, Hook.Of(job.Metadata.Annotations)!.Phase);
        Assert.StartsWith("web-migrate-", job.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(["flask", "--app", "shop.wsgi:app", "db", "upgrade"], migrate.Command);
        Assert.Equal(uwsgi.Image, migrate.Image);
        Assert.Equal(uwsgi.Env.Where(e => e.Name.StartsWith("PG", StringComparison.Ordinal)).Select(e => (e.Name, e.Value, e.ValueFrom?.SecretKeyRef?.Name)), migrate.Env.Select(e => (e.Name, e.Value, e.ValueFrom?.SecretKeyRef?.Name)));
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(0, job.Spec.BackoffLimit);

        var custom = (V1Job)Renders.Render("staging", ["web.migrations.enabled=true", "web.migrations.image=registry.example.com/shop/migrations:3.1.0", "web.migrations.command=[alembic, upgrade, head]"])
            .Objects.Single(o => o.Kind == "Job" && o.Stack == "web").Resource;
        Assert.Equal(["alembic", "upgrade", "head"], custom.Spec.Template.Spec.Containers.Single().Command);
        Assert.Equal("registry.example.com/shop/migrations:3.1.0", custom.Spec.Template.Spec.Containers.Single().Image);
        Assert.NotEqual(job.Metadata.Name, custom.Metadata.Name);
    }
}
