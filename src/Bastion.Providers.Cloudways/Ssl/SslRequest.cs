namespace Bastion.Providers.Cloudways.Ssl;

/// <summary>The certificate arguments of cloudways_app_change, each used by some actions only.</summary>
/// <param name="Email">le_install: the Let's Encrypt account email.</param>
/// <param name="Domains">le_install: the domains to cover; le_renew and le_revoke: the first is the certificate's domain.</param>
/// <param name="Wildcard">le_*: a wildcard certificate.</param>
/// <param name="Enabled">le_auto_renew: on or off.</param>
/// <param name="Certificate">custom_install: the PEM certificate (chain).</param>
/// <param name="PrivateKey">custom_install: the PEM private key (a secret: never logged or audited).</param>
internal sealed record SslRequest(string? Email, IReadOnlyList<string>? Domains, bool Wildcard, bool? Enabled, string? Certificate, string? PrivateKey);
