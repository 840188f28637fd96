using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// HTTPS for a <see cref="FakeKubeApiServer"/>: a throwaway CA, a server certificate it issued for 127.0.0.1 and,
/// when <see cref="Client"/> is set, a client certificate it issued, which the server then requires instead of the
/// bearer token (the kubeconfig it writes carries client-certificate-data and client-key-data).
/// </summary>
public sealed record FakeKubeTls(X509Certificate2 Authority, X509Certificate2 Server, X509Certificate2? Client)
{
    /// <summary>A new CA and the certificates it issues, valid for a day.</summary>
    public static FakeKubeTls Create(bool clientCertificate = false)
    {
        var authority = NewAuthority("fake-kube-ca");
        return new FakeKubeTls(authority, Issue(authority, "fake-kube-apiserver", server: true), clientCertificate ? Issue(authority, "tester", server: false) : null);
    }

    /// <summary>A CA of its own: a server certificate it did not issue must be refused.</summary>
    public static X509Certificate2 NewAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A PEM block of a certificate, base64 again as kubeconfig's *-data fields hold it.</summary>
    public static string KubeconfigData(X509Certificate2 certificate) => Base64(certificate.ExportCertificatePem());

    public static string KubeconfigKeyData(X509Certificate2 certificate) => Base64(certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

    /// <summary>True when <paramref name="certificate"/> chains to <see cref="Authority"/> alone.</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = BitConverter.GetBytes(DateTime.UtcNow.Ticks);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(23), serial);
        var withKey = issued.CopyWithPrivateKey(key);

        // SslStream wants a certificate whose key it can hand to OpenSSL: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static string Base64(string pem) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
}
