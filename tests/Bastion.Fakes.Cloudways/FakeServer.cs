namespace Bastion.Fakes.Cloudways;

/// <summary>A server of the fake account.</summary>
public sealed class FakeServer
{
    public required long Id { get; init; }

    public required string Label { get; init; }

    /// <summary>running, stopped…; changed when a start/stop/restart operation completes.</summary>
    public string Status { get; set; } = "running";

    public string Cloud { get; init; } = "do";

    public string Region { get; init; } = "lon1";

    public string InstanceType { get; init; } = "2GB";

    public required string PublicIp { get; init; }

    /// <summary>The master password the server listing carries (a secret Bastion must never pass on).</summary>
    public required string MasterPassword { get; init; }

    public bool Terminated { get; init; }

    public List<FakeApp> Apps { get; init; } = [];

    /// <summary>Completed restarts.</summary>
    public int Restarts { get; set; }

    /// <summary>Service name → state, as <c>GET /service</c> reports them; <c>POST /service/state</c> changes them.</summary>
    public Dictionary<string, string> Services { get; } = new(StringComparer.Ordinal)
    {
        ["apache2"] = "running", ["nginx"] = "running", ["php-fpm"] = "running", ["mysql"] = "running",
        ["varnish"] = "running", ["memcached"] = "running", ["redis-server"] = "stopped", ["elasticsearch"] = "stopped",
    };

    /// <summary>Server-wide Varnish on or off (<c>POST /service/varnish</c> enable/disable).</summary>
    public bool VarnishEnabled { get; set; } = true;

    /// <summary>Server-wide Varnish purges done.</summary>
    public int VarnishPurges { get; set; }

    /// <summary>Completed server backups (<c>POST /server/manage/backup</c>).</summary>
    public int Backups { get; set; }

    /// <summary>Completed disk clean-ups (<c>POST /server/disk/cleanup</c>).</summary>
    public int DiskCleanups { get; set; }

    /// <summary>IPs allowed to SSH/SFTP (<c>/security/whitelisted</c>, tab sftp).</summary>
    public List<string> SftpWhitelist { get; } = ["198.51.100.20"];

    /// <summary>IPs allowed to MySQL (<c>/security/whitelistedIpsMysql</c>; set with tab mysql).</summary>
    public List<string> MysqlWhitelist { get; } = [];

    /// <summary>
    /// The settings <c>GET /server/manage/settings</c> reports, under its names (the IrvingCode7/cloudways-js-client
    /// example: <c>date.timezone</c> and <c>ssl_protocols</c> are written as date_timezone and tls_version);
    /// <c>POST /server/manage/settings</c> changes them.
    /// </summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["character_set_server"] = "utf8mb4", ["date.timezone"] = "UTC", ["direct_access"] = "enable", ["display_errors"] = "Off",
        ["error_reporting"] = "E_ALL & ~E_DEPRECATED & ~E_STRICT", ["execution_limit"] = "60", ["innodb_buffer_pool_size"] = "",
        ["innodb_lock_wait_timeout"] = "", ["max_connections"] = "150", ["max_input_time"] = "60", ["max_input_vars"] = "2500",
        ["memory_limit"] = "256", ["mod_xdebug"] = "disable", ["short_open_tag"] = "Off", ["ssl_protocols"] = "1.2,1.3",
        ["static_cache_expiry"] = "43200", ["upload_size"] = "64", ["varnish_default_ttl"] = "4h", ["wait_timeout"] = "",
    };

    /// <summary>Installed versions, reported inside the settings as <c>package_versions</c>.</summary>
    public Dictionary<string, string> Packages { get; } = new(StringComparer.Ordinal)
    {
        ["fpm"] = "enable", ["mariadb"] = "10.6", ["mysql"] = "", ["php"] = "8.2", ["redis"] = "",
    };

    /// <summary>Accepted <c>POST /server/manage/settings</c> calls.</summary>
    public int SettingsChanges { get; set; }
}
