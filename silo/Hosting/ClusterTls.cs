using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Mutual TLS for a cluster: every connection, silo to silo and console to gateway, is encrypted, and
/// both ends must show a certificate issued by the cluster's own CA (<see cref="TlsFiles.Ca"/>).
/// Membership is the CA's signature, not a host name: silos reach each other by addresses that are
/// often pod or container IPs, which certificates rarely name.
/// </summary>
public static class ClusterTls
{
    public static void Configure(TlsOptions options, ClusterCertificates certificates)
    {
        var ca = certificates.Ca;
        options.LocalCertificate = certificates.Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => IsIssuedBy(ca, certificate);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> and nothing else, and is valid now.</summary>
    public static bool IsIssuedBy(X509Certificate2 ca, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A private development CA publishes no revocation lists; rotate the CA to revoke.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
