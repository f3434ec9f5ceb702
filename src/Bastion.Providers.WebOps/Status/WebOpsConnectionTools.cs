using System.ComponentModel;
using System.Diagnostics;
using Bastion.Core.Policy;
using Bastion.Providers.WebOps.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Status;

/// <summary>Whether Bastion reaches WebOps with the stored credentials (scope <c>platform:read</c>).</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsConnectionTools(WebOpsClient client, PlatformCredentials credentials)
{
    [McpServerTool(Name = "webops_status", Title = "WebOps connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check the WebOps connection: address and credentials stored (never shown), sign-in (token or session), whether a call answers and how fast. Use it first when webops_* tools fail. Source: WebOps GET /api/deployments/?per_page=1.")]
    public async Task<WebOpsLink> StatusAsync(CancellationToken cancellationToken = default)
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

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
}
