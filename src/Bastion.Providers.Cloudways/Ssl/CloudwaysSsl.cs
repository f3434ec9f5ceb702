using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Ssl;

/// <summary>
/// An app's certificates. Sources: the Cloudways v1 <c>/security/lets_encrypt_install</c>,
/// <c>lets_encrypt_manual_renew</c>, <c>lets_encrypt_revoke</c> (operations), <c>lets_encrypt_auto</c>,
/// <c>own_ssl</c> (answered at once) and <c>DELETE /security/removeCustomSSL</c> (an operation).
/// </summary>
internal sealed class CloudwaysSsl(CloudwaysChanges changes)
{
    /// <summary>What le_install's email accepts.</summary>
    public const string EmailAccepted = "the Let's Encrypt account email";

    /// <summary>What the Let's Encrypt actions' domains accept (le_renew and le_revoke take the first).</summary>
    public const string DomainsAccepted = "the certificate's domains, e.g. [\"shop.example.com\", \"www.shop.example.com\"]";

    /// <summary>What custom_install's certificate accepts.</summary>
    public const string CertificateAccepted = "the PEM certificate, -----BEGIN CERTIFICATE----- …";

    /// <summary>What custom_install's private_key accepts.</summary>
    public const string PrivateKeyAccepted = "the PEM private key";

    /// <summary>Builds the Cloudways call for <paramref name="action"/>, checking the fields it needs.</summary>
    /// <exception cref="BastionException">A field the action needs is missing.</exception>
    public static ChangeRequest Build(long serverId, long appId, SslAction action, SslRequest args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var name = action switch
        {
            SslAction.LeInstall => "le_install",
            SslAction.LeRenew => "le_renew",
            SslAction.LeAutoRenew => "le_auto_renew",
            SslAction.LeRevoke => "le_revoke",
            SslAction.CustomInstall => "custom_install",
            _ => "custom_remove",
        };
        var wildcard = CloudwaysClient.Field("wild_card", args.Wildcard ? "true" : "false");
        string Domain() => ActionArgs.NeedList(args.Domains, "domains", name, DomainsAccepted)[0];
        switch (action)
        {
            case SslAction.LeInstall:
                var domains = ActionArgs.NeedList(args.Domains, "domains", name, DomainsAccepted);
                var email = ActionArgs.Need(args.Email, "email", name, EmailAccepted);
                return ChangeRequest.Post(name, "/security/lets_encrypt_install", serverId, appId, $"Let's Encrypt install for app {appId}",
                    [CloudwaysClient.Field("ssl_email", email), wildcard, .. domains.Select(d => CloudwaysClient.Field("ssl_domains[]", d))]);
            case SslAction.LeRenew:
                return ChangeRequest.Post(name, "/security/lets_encrypt_manual_renew", serverId, appId, $"Let's Encrypt renewal for app {appId}", wildcard, CloudwaysClient.Field("domain", Domain()));
            case SslAction.LeAutoRenew:
                var on = args.Enabled ?? throw new BastionException("action 'le_auto_renew' needs enabled: true to renew automatically, false to stop.");
                return ChangeRequest.Post(name, "/security/lets_encrypt_auto", serverId, appId, $"Let's Encrypt auto-renewal for app {appId}", CloudwaysClient.Field("auto", on ? "true" : "false"));
            case SslAction.LeRevoke:
                return ChangeRequest.Post(name, "/security/lets_encrypt_revoke", serverId, appId, $"Let's Encrypt revocation for app {appId}", wildcard, CloudwaysClient.Field("ssl_domain", Domain()));
            case SslAction.CustomInstall:
                var certificate = ActionArgs.Need(args.Certificate, "certificate", name, CertificateAccepted);
                var key = ActionArgs.Need(args.PrivateKey, "private_key", name, PrivateKeyAccepted);
                return ChangeRequest.Post(name, "/security/own_ssl", serverId, appId, $"custom certificate for app {appId}", CloudwaysClient.Field("ssl_crt", certificate), CloudwaysClient.Field("ssl_key", key));
            default:
                return ChangeRequest.Delete(name, "/security/removeCustomSSL", serverId, appId, $"removal of app {appId}'s custom certificate");
        }
    }

    /// <summary>Runs <paramref name="action"/> on app <paramref name="appId"/>'s certificate.</summary>
    /// <exception cref="BastionException">A field the action needs is missing.</exception>
    /// <exception cref="PlatformException">Cloudways refused it, or the operation failed.</exception>
    public Task<ChangeResult> RunAsync(long serverId, long appId, SslAction action, SslRequest args, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        changes.RunAsync(Build(serverId, appId, action, args), wait, progress, cancellationToken);
}
