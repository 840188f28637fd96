using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace StackGen.Tests.Support;

/// <summary>A Helm chart repository on 127.0.0.1 serving one packaged chart (index.yaml and the .tgz), for helm pull.</summary>
public sealed class ChartRepositoryServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public ChartRepositoryServer(string archive)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();

        var name = Path.GetFileName(archive);
        var chart = File.ReadAllBytes(archive);
        var index = System.Text.Encoding.UTF8.GetBytes($"""
            apiVersion: v1
            entries:
              queue:
                - apiVersion: v2
                  name: queue
                  version: 1.0.0
                  digest: {Convert.ToHexStringLower(SHA256.HashData(chart))}
                  urls:
                    - {name}
            generated: "2026-01-01T00:00:00Z"

            """);
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var body = context.Request.Url!.AbsolutePath switch
                {
                    "/index.yaml" => index,
                    var path when path == "/" + name => chart,
                    _ => null,
                };
                context.Response.StatusCode = body is null ? 404 : 200;
                if (body is not null)
                {
                    await context.Response.OutputStream.WriteAsync(body);
                }

                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(10));
    }
}
