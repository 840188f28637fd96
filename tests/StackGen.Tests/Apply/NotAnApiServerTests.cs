using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StackGen.Tests.Apply;

/// <summary>A kubeconfig pointing at something that is not an API server (a proxy's login page) gets a clear error.</summary>
public sealed class NotAnApiServerTests
{
    [Fact]
    public async Task A_page_that_is_not_json_is_reported_with_the_address_not_as_an_internal_error()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var proxy = builder.Build();
        proxy.Run(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body>Please log in</body></html>");
        });
        await proxy.StartAsync();
        var address = proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        var kubeconfig = Path.Combine(Path.GetDirectoryName(cluster.Kubeconfig)!, "proxy.kubeconfig");
        File.WriteAllText(kubeconfig, File.ReadAllText(cluster.Kubeconfig).Replace(cluster.Server.BaseAddress.GetLeftPart(UriPartial.Authority), address, StringComparison.Ordinal));

        var diff = cluster.Run("diff", "--env", "production", "--kubeconfig", kubeconfig);
        var apply = cluster.Run("apply", "--env", "production", "--kubeconfig", kubeconfig);

        Assert.Equal(2, diff.ExitCode);
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"{address} answered 200 with a body that is not JSON (text/html)", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", apply.Error + diff.Error, StringComparison.Ordinal);
    }
}
