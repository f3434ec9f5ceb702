using System.Diagnostics;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Health;
using Bastion.Providers.WebOps.Security;

namespace Bastion.Providers.WebOps.Status;

/// <summary>
/// What webops_status reads: the server's health (<see cref="WebOpsHealth"/>), whether the stored credentials reach
/// WebOps (one cheap call; a failure is a result saying why, not an error), and WebOps's security and compliance figures.
/// </summary>
internal sealed class WebOpsServerStatus(WebOpsClient client, PlatformCredentials credentials, WebOpsHealth health)
{
    /// <summary>Only health takes the health arguments.</summary>
    private static readonly ParameterUse<WebOpsStatusResource> Use = new(
        "resource", ("include_deployments", [WebOpsStatusResource.Health]), ("history_hours", [WebOpsStatusResource.Health]));

    /// <summary>Reads <paramref name="resource"/>; the health arguments are checked to be given only for health.</summary>
    /// <exception cref="Bastion.Core.BastionException">A health argument given for another resource (nothing sent).</exception>
    /// <exception cref="PlatformException">A health argument out of range (nothing sent); WebOps refused a health or security read.</exception>
    public async Task<WebOpsStatusResult> ReadAsync(WebOpsStatusResource resource, bool? includeDeployments, int? historyHours, CancellationToken cancellationToken)
    {
        Use.Check(resource, ("include_deployments", includeDeployments), ("history_hours", historyHours));

        if (historyHours is < 0 or > 168)
        {
            throw new PlatformException(WebOpsClient.Platform, $"history_hours must be 0-168 (0 for none), not {historyHours}. Nothing was sent.");
        }

        return resource switch
        {
            WebOpsStatusResource.Connection => new WebOpsStatusResult("connection") { Connection = await ConnectionAsync(cancellationToken) },
            WebOpsStatusResource.Security => new WebOpsStatusResult("security") { Security = await SecurityAsync(cancellationToken) },
            _ => new WebOpsStatusResult("health") { Health = await health.ReadAsync(includeDeployments ?? true, historyHours ?? 1, cancellationToken) },
        };
    }

    private async Task<WebOpsLink> ConnectionAsync(CancellationToken cancellationToken)
    {
        WebOpsSettings? settings;
        try
        {
            settings = WebOpsSettings.Read(credentials);
        }
        catch (PlatformException e)
        {
            return new WebOpsLink(false, null, null, false, null, null, e.Message);
        }

        if (settings is null)
        {
            return new WebOpsLink(false, null, null, false, null, null, WebOpsSettings.SetupHint);
        }

        var auth = settings.Token is null ? "session" : settings.CanLogIn ? "token_then_session" : "token";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (_, total, _) = await client.ListPageAsync(1, 1, null, cancellationToken);
            return new WebOpsLink(true, auth, settings.BaseUrl.Authority, true, Elapsed(started), total, null);
        }
        catch (PlatformException e)
        {
            return new WebOpsLink(true, auth, settings.BaseUrl.Authority, false, Elapsed(started), null, e.Message);
        }
    }

    private async Task<SecurityAudit> SecurityAsync(CancellationToken cancellationToken)
    {
        var json = await client.ComplianceStatsAsync(cancellationToken);
        var notes = new List<string> { ScanResult.Caveat };
        if (json.Int("active_alerts") is > 0 and var open)
        {
            notes.Insert(0, $"{open} compliance alert(s) are open; WebOps lists them at /compliance/alerts/.");
        }

        return new SecurityAudit(
            json.Int("total_frameworks"),
            json.Int("total_controls"),
            json.Int("automated_controls"),
            json.Num("automation_percentage") is { } p ? Math.Round(p, 1) : null,
            json.Int("recent_scans"),
            json.Int("recent_alerts"),
            json.Int("active_alerts"),
            notes);
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
}
