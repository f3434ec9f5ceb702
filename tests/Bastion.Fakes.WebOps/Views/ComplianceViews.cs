using System.Security.Cryptography;
using Bastion.Fakes.WebOps.Django;
using Bastion.Fakes.WebOps.State;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Views;

/// <summary>
/// Compliance JSON under <c>/compliance/api/</c> (<c>apps/compliance/views.py</c>): dashboard statistics, and
/// <c>scan-now</c>, which takes a form (not JSON), records a scan that is at once "completed" (the placeholder of
/// TODO #17) and answers anything but POST with 400 <c>{"error": "Invalid request"}</c>.
/// </summary>
public static class ComplianceViews
{
    public static async Task HandleAsync(HttpContext context, FakeStore store, string rest)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        switch (rest)
        {
            case "api/dashboard-stats/":
                Dictionary<string, object> stats;
                lock (store.Gate)
                {
                    var week = DateTimeOffset.UtcNow.AddDays(-7);
                    stats = new Dictionary<string, object>
                    {
                        ["total_frameworks"] = 3,
                        ["total_controls"] = 42,
                        ["automated_controls"] = 30,
                        ["automation_percentage"] = 30 / 42.0 * 100,
                        ["recent_alerts"] = 1,
                        ["recent_scans"] = store.Scans.Count(s => s.CompletedAt >= week),
                        ["active_alerts"] = 1,
                    };
                }

                await DjangoResponses.JsonAsync(context, stats);
                return;
            case "api/scan-now/":
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    await DjangoResponses.ErrorAsync(context, 400, "Invalid request");
                    return;
                }

                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
                var scan = new FakeScan("scan-" + RandomNumberGenerator.GetHexString(12, lowercase: true), form?["scan_type"].ToString() ?? string.Empty,
                    form?["target"].FirstOrDefault() ?? "system", DateTimeOffset.UtcNow);
                lock (store.Gate)
                {
                    store.Scans.Add(scan);
                }

                await DjangoResponses.JsonAsync(context, new Dictionary<string, object> { ["success"] = true, ["scan_id"] = scan.ScanId, ["message"] = "Scan initiated successfully" });
                return;
            default:
                await DjangoResponses.NotFoundAsync(context);
                return;
        }
    }
}
