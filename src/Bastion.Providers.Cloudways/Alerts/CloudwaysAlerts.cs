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
        var alerts = new List<CloudwaysAlert>();
        var seen = new HashSet<long>();
        long? cursor = null;
        var pages = 0;
        string? note = null;
        while (true)
        {
            var answer = await client.GetAsync(cursor is null ? "/alerts/" : $"/alerts/{cursor}", cancellationToken);
            pages++;
            var batch = LenientJson.Values(answer.Field("alerts")).Select(CloudwaysAlert.From).Where(a => seen.Add(a.Id)).ToList();
            alerts.AddRange(batch);
            if (batch.Count == 0)
            {
                break; // the end (or a cursor that no longer advances)
            }

            if (alerts.Count > cap)
            {
                note = cap < limit
                    ? $"Stopped at {cap} alerts, the most Bastion gathers per listing."
                    : $"More alerts exist; raise limit (up to {options.Http.MaxItems}) to see them.";
                break;
            }

            if (pages >= MaxPages)
            {
                note = $"Stopped after {MaxPages} pages; more alerts may exist.";
                break;
            }

            cursor = batch[^1].Id;
        }

        var truncated = alerts.Count > cap || note is not null;
        return new AlertList([.. alerts.Take(cap)], truncated, pages, note);
    }
}
