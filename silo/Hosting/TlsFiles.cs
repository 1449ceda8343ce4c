using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// The files of a cluster's TLS: this node's certificate (PEM with its key in <see cref="Key"/>, or a
/// PKCS#12 file with the key inside) and the cluster's CA certificate (PEM), the one authority whose
/// certificates are members. Silos read them from settings (<c>TlsCertificate</c>, <c>TlsKey</c>,
/// <c>TlsCa</c>, <c>TlsPassword</c>); the console from the environment variables of the same names
/// (<c>HYPERSEARCH_TlsCertificate</c>, ...), so one set of variables serves both.
/// </summary>
public sealed record class TlsFiles(string Certificate, string? Key, string Ca, string? Password)
{
    /// <summary>The files a silo's settings name; null when TLS is off (no certificate set).</summary>
    /// <exception cref="TlsConfigurationException">A certificate without a CA, or a CA without a certificate.</exception>
    public static TlsFiles? From(SiloSettings settings) => Of(settings.TlsCertificate, settings.TlsKey, settings.TlsCa, settings.TlsPassword);

    /// <summary>The files the console's environment names; null when TLS is off.</summary>
    public static TlsFiles? FromEnvironment() => Of(
        Environment.GetEnvironmentVariable("HYPERSEARCH_TlsCertificate"),
        Environment.GetEnvironmentVariable("HYPERSEARCH_TlsKey"),
        Environment.GetEnvironmentVariable("HYPERSEARCH_TlsCa"),
        Environment.GetEnvironmentVariable("HYPERSEARCH_TlsPassword"));

    /// <summary>Both certificates, read once: what <see cref="ClusterTls.Configure"/> takes.</summary>
    /// <exception cref="TlsConfigurationException">A file is missing or not a certificate (or key) in a format read here.</exception>
    public ClusterCertificates Load() => new(LoadCertificate(), LoadCa());

    /// <summary>This node's certificate with its private key.</summary>
    /// <exception cref="TlsConfigurationException">A file is missing or not a certificate (or key) in a format read here.</exception>
    public X509Certificate2 LoadCertificate() => Load(nameof(SiloSettings.TlsCertificate), Certificate, () =>
        Key is { Length: > 0 }
            ? X509Certificate2.CreateFromPemFile(Certificate, Key)
            : X509CertificateLoader.LoadPkcs12FromFile(Certificate, Password));

    /// <exception cref="TlsConfigurationException">The file is missing or not a PEM or DER certificate.</exception>
    public X509Certificate2 LoadCa() => Load(nameof(SiloSettings.TlsCa), Ca, () => X509CertificateLoader.LoadCertificateFromFile(Ca));

    private static TlsFiles? Of(string? certificate, string? key, string? ca, string? password)
    {
        var hasCertificate = !string.IsNullOrWhiteSpace(certificate);
        var hasCa = !string.IsNullOrWhiteSpace(ca);
        return (hasCertificate, hasCa) switch
        {
            (false, false) => null,
            (true, true) => new TlsFiles(certificate!, string.IsNullOrWhiteSpace(key) ? null : key, ca!, password),
            (true, false) => throw new TlsConfigurationException("TlsCa: required with TlsCertificate (the CA whose certificates are members of the cluster)"),
            (false, true) => throw new TlsConfigurationException("TlsCertificate: required with TlsCa (this node's own certificate)"),
        };
    }

    private static X509Certificate2 Load(string setting, string path, Func<X509Certificate2> load)
    {
        if (!File.Exists(path))
        {
            throw new TlsConfigurationException($"{setting}: file not found: {path}");
        }

        try
        {
            return load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new TlsConfigurationException($"{setting}: cannot read a certificate from {path}: {e.Message}");
        }
    }
}

/// <summary>This node's certificate (with its key) and the cluster's CA, as <see cref="TlsFiles"/> named them.</summary>
public sealed record class ClusterCertificates(X509Certificate2 Certificate, X509Certificate2 Ca) : IDisposable
{
    public void Dispose()
    {
        Certificate.Dispose();
        Ca.Dispose();
    }
}

/// <summary>A TLS setting that names a missing or unreadable file, or half a configuration: a user error.</summary>
public sealed class TlsConfigurationException(string message) : Exception(message);
