using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>Which settings a settings action of cloudways_server_change or cloudways_app_change writes.</summary>
internal enum SettingsTarget
{
    /// <summary>Server-wide PHP, MySQL/MariaDB, Nginx and Varnish settings (<c>POST /server/manage/settings</c>).</summary>
    [JsonStringEnumMemberName("server")]
    Server,

    /// <summary>One app's PHP-FPM pool directives (<c>POST /app/manage/fpm_setting</c>: fpm_setting).</summary>
    [JsonStringEnumMemberName("app_fpm")]
    AppFpm,

    /// <summary>One app's Varnish exclusion rules (<c>POST /app/manage/varnish_setting</c>: vcl_list), an operation.</summary>
    [JsonStringEnumMemberName("app_varnish")]
    AppVarnish,
}
