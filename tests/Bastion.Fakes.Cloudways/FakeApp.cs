namespace Bastion.Fakes.Cloudways;

/// <summary>An application on a fake server, with its credentials.</summary>
public sealed class FakeApp
{
    public required long Id { get; init; }

    public required string Label { get; init; }

    public string Application { get; init; } = "wordpress";

    public string Version { get; init; } = "6.4";

    public required string SysUser { get; init; }

    /// <summary>The SFTP password <c>/app/creds</c> returns.</summary>
    public required string SysPassword { get; init; }

    public long ProjectId { get; init; }

    public string Cname { get; set; } = string.Empty;

    /// <summary>App-level Varnish on or off (<c>/service/appVarnish</c>).</summary>
    public bool VarnishEnabled { get; set; } = true;

    /// <summary>App cache purges done (<c>POST /app/cache/purge</c>).</summary>
    public int CachePurges { get; set; }

    /// <summary>Backup points (<c>yyyy-MM-dd HH:mm:ss</c>, newest last) that <c>GET /app/manage/backup</c> lists and a restore takes.</summary>
    public List<string> Backups { get; } = ["2026-12-04 02:00:00", "2026-12-05 02:00:00"];

    /// <summary>The backup point last restored; null when none (or rolled back).</summary>
    public string? RestoredFrom { get; set; }

    /// <summary>Rollbacks of a restore done.</summary>
    public int Rollbacks { get; set; }

    /// <summary>none, letsencrypt or custom.</summary>
    public string Ssl { get; set; } = "none";

    /// <summary>Domains the certificate covers.</summary>
    public List<string> SslDomains { get; } = [];

    /// <summary>Let's Encrypt auto-renewal on.</summary>
    public bool SslAutoRenew { get; set; }

    /// <summary>Let's Encrypt renewals done.</summary>
    public int SslRenewals { get; set; }

    /// <summary>HTTP redirected to HTTPS.</summary>
    public bool HttpsEnforced { get; set; }

    /// <summary>Owner the last permission reset gave the files (sys_user or master_user); null when none.</summary>
    public string? PermissionsReset { get; set; }

    /// <summary>The public deploy key, once generated.</summary>
    public string? GitKey { get; set; }

    /// <summary>The repository cloned, once cloned.</summary>
    public string? GitUrl { get; set; }

    /// <summary>Deployments (clone and pull), oldest first.</summary>
    public List<(string Branch, string Path, string At)> GitHistory { get; } = [];

    /// <summary>The PHP-FPM pool text <c>GET /app/manage/fpm_setting</c> reports as <c>settings</c>.</summary>
    public string FpmSettings { get; set; } = "php_admin_value[memory_limit] = 256M\nphp_admin_flag[log_errors] = on\nphp_flag[display_errors] = off";

    /// <summary>Varnish exclusion rules (method, type, value) that <c>GET /app/manage/varnish_setting</c> reports as <c>vcl_list</c>.</summary>
    public List<(string Method, string Type, string Value)> VarnishRules { get; } = [("exclude", "url", "/wp-admin")];
}
