using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>Changing server and app settings (destructive: the old values are overwritten and PHP, MySQL or Varnish pick up the new ones; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysSettingsChangeTools(CloudwaysSettings service)
{
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameters their maxItems; the values are string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_settings_change", Title = "Change Cloudways server or app settings", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change server settings (PHP limits, timezones, MySQL, TLS, Varnish TTL), an app's PHP-FPM pool or its Varnish exclusions; returns the settings read back afterwards.")]
    public Task<ChangeResult> ChangeAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("server, app_fpm or app_varnish.")] SettingsTarget action,
        [Description("app_fpm, app_varnish: the app id.")][Range(1, long.MaxValue)] long? app_id = null,
        [Description("server: name=value pairs, e.g. memory_limit=512 (MB), execution_limit=120 (s), date_timezone=UTC, display_errors=Off, mod_xdebug=disable; only these are changed.")][MaxLength(22)] string[]? settings = null,
        [Description("app_fpm: the whole pool text, one directive per line, e.g. php_admin_value[memory_limit] = 256M.")][StringLength(8000)] string? fpm = null,
        [Description("app_varnish: the whole exclusion list, each url:PATH or cookie:NAME; [] removes all.")][MaxLength(50)] string[]? varnish_exclude = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        service.ChangeAsync(server_id, action, app_id, settings, fpm, varnish_exclude, progress.AsSteps(), cancellationToken);
}
