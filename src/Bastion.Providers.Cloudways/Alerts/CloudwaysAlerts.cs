using System.Globalization;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>
/// CloudwaysBot alerts, paged by cursor: <c>GET /alerts/</c> gives the first batch, <c>GET /alerts/{last_id}</c> the
/// batch after the last id seen, until a batch is empty. Paging stops at the caller's limit and at
/// <see cref="PlatformHttpOptions.MaxItems"/>, with a note.
/// </summary>
internal sealed class CloudwaysAlerts(CloudwaysClient client, CloudwaysOptions options)
{
    private const int MaxPages = 200;

    /// <summary>Up to <paramref name="limit"/> alerts.</summary>
    public async Task<AlertList> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var cap = Math.Min(limit, options.Http.MaxItems);
        // One past the cap tells whether more exist: CloudwaysBot gives no count.
        var list = await PlatformPaging.GatherAsync(
            async (cursor, ct) =>
            {
                var answer = await client.GetAsync(cursor is null ? "/alerts/" : $"/alerts/{cursor}", ct);
                var batch = LenientJson.Values(answer.Field("alerts")).Select(CloudwaysAlert.From).ToList();
                return new PlatformPage<CloudwaysAlert>(batch, batch.Count == 0 ? null : batch[^1].Id.ToString(CultureInfo.InvariantCulture));
            },
            cap + 1,
            MaxPages,
            alert => alert.Id.ToString(CultureInfo.InvariantCulture),
            cancellationToken);
        string? note = null;
        if (list.Items.Count > cap)
        {
            note = cap < limit
                ? $"Stopped at {cap} alerts, the most Bastion gathers per listing."
                : $"More alerts exist; raise limit (up to {options.Http.MaxItems}) to see them.";
        }
        else if (list.PageBound)
        {
            note = $"Stopped after {MaxPages} pages; more alerts may exist.";
        }

        var truncated = list.Items.Count > cap || note is not null;
        return new AlertList([.. list.Items.Take(cap)], truncated, list.Pages, note);
    }
}
