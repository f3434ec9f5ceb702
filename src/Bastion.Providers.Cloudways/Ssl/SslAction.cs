using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Ssl;

/// <summary>What cloudways_app_change does to an app's certificate.</summary>
internal enum SslAction
{
    /// <summary>Install a Let's Encrypt certificate (<c>POST /security/lets_encrypt_install</c>: ssl_email, wild_card, ssl_domains[]).</summary>
    [JsonStringEnumMemberName("le_install")]
    LeInstall,

    /// <summary>Renew it now (<c>POST /security/lets_encrypt_manual_renew</c>: wild_card, domain).</summary>
    [JsonStringEnumMemberName("le_renew")]
    LeRenew,

    /// <summary>Turn automatic renewal on or off (<c>POST /security/lets_encrypt_auto</c>: auto).</summary>
    [JsonStringEnumMemberName("le_auto_renew")]
    LeAutoRenew,

    /// <summary>Revoke it (<c>POST /security/lets_encrypt_revoke</c>: wild_card, ssl_domain): the site loses HTTPS.</summary>
    [JsonStringEnumMemberName("le_revoke")]
    LeRevoke,

    /// <summary>Install an own certificate (<c>POST /security/own_ssl</c>: ssl_crt, ssl_key).</summary>
    [JsonStringEnumMemberName("custom_install")]
    CustomInstall,

    /// <summary>Remove the own certificate (<c>DELETE /security/removeCustomSSL</c>).</summary>
    [JsonStringEnumMemberName("custom_remove")]
    CustomRemove,
}
