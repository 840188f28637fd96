using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;

namespace StackGen.Apply.Kube;

/// <summary>
/// The HTTP connection to a kubeconfig context, set up as kubectl sets it up: the cluster's CA (or
/// insecure-skip-tls-verify, or the system's roots when the kubeconfig names no CA), tls-server-name, a client
/// certificate, and a bearer token, token file, exec plugin or basic auth through KubernetesClient's credential types.
/// <para>
/// StackGen builds this itself instead of constructing KubernetesClient's <c>Kubernetes</c> class: that class carries
/// the generated API surface and the JSON metadata of every model type, which made the Native AOT binary three times
/// larger and every render's start-up slower, while apply only ever needs an authenticated HttpClient.
/// </para>
/// </summary>
public sealed class KubeHttp : IDisposable
{
    private KubeHttp(Uri server, HttpClient client, ServiceClientCredentials? credentials)
    {
        Server = server;
        Client = client;
        Credentials = credentials;
    }

    public Uri Server { get; }

    public HttpClient Client { get; }

    /// <summary>Adds the Authorization header to a request; null for a context without credentials.</summary>
    public ServiceClientCredentials? Credentials { get; }

    public static KubeHttp Create(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out var server))
        {
            throw new k8s.Exceptions.KubeConfigException($"the cluster's server '{configuration.Host}' is not a URL");
        }

        // KubernetesClient's settings for a long-lived API connection.
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (server.Scheme == Uri.UriSchemeHttps)
        {
            ConfigureTls(handler.SslOptions, configuration);
        }

        return new KubeHttp(server, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, CredentialsOf(configuration));
    }

    public void Dispose() => Client.Dispose();

    private static void ConfigureTls(SslClientAuthenticationOptions tls, KubernetesClientConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration.TlsServerName))
        {
            tls.TargetHost = configuration.TlsServerName;
        }

        if (configuration.SkipTlsVerify)
        {
            // The kubeconfig says insecure-skip-tls-verify: true, and kubectl honours it too.
#pragma warning disable CA5359
            tls.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (configuration.SslCaCerts is { Count: > 0 } authorities)
        {
            // The kubeconfig's CA is the only root trusted for this server, as kubectl does it.
            tls.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsIssuedBy(certificate, errors, authorities);
        }

        if (ClientCertificate(configuration) is { } certificate)
        {
            tls.ClientCertificates = [certificate];
        }
    }

    private static bool IsIssuedBy(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    // client-certificate(-data) and client-key(-data): PEM, inline (base64) or in files.
    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration configuration)
    {
        var certificate = Pem(configuration.ClientCertificateData, configuration.ClientCertificateFilePath);
        var key = Pem(configuration.ClientCertificateKeyData, configuration.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);
    }

    private static string? Pem(string? base64, string? path) =>
        !string.IsNullOrEmpty(base64) ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64))
        : !string.IsNullOrEmpty(path) ? File.ReadAllText(path)
        : null;

    // The order KubernetesClient uses: a token provider (token file, exec plugin, auth provider), a token, a user.
    private static ServiceClientCredentials? CredentialsOf(KubernetesClientConfiguration configuration) =>
        configuration.TokenProvider is { } provider ? new TokenCredentials(provider)
        : !string.IsNullOrEmpty(configuration.AccessToken) ? new TokenCredentials(configuration.AccessToken)
        : !string.IsNullOrEmpty(configuration.Username) ? new BasicAuthenticationCredentials { UserName = configuration.Username, Password = configuration.Password }
        : null;
}
