using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Django;

/// <summary>
/// The control panel's global rate limit, as run at the adapter's commit: a fixed window of <paramref name="limit"/>
/// requests per <paramref name="window"/> per client IP on every path, the login included. Over it: 429 with
/// <c>{"error": …, "retry_after": N}</c> on <c>/api/</c> paths or when the client accepts JSON, an HTML page otherwise;
/// no <c>Retry-After</c> header.
/// </summary>
internal sealed class ClientRateLimit(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>How many requests were refused.</summary>
    public int Refused { get; private set; }

    /// <summary>Counts the request; answers 429 and returns true when it is over the limit.</summary>
    public async Task<bool> RefuseAsync(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = clock.GetUtcNow();
        int retryAfter;
        lock (_windows)
        {
            var (start, count) = _windows.TryGetValue(ip, out var w) && now - w.Start < window ? w : (now, 0);
            if (count < limit)
            {
                _windows[ip] = (start, count + 1);
                return false;
            }

            Refused++;
            retryAfter = Math.Max(1, (int)Math.Ceiling((start + window - now).TotalSeconds));
        }

        var path = context.Request.Path.Value ?? "/";
        if (path.Contains("/api/", StringComparison.Ordinal) || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await DjangoResponses.JsonAsync(context, new { error = "Rate limit exceeded. Please try again later.", retry_after = retryAfter }, 429);
        }
        else
        {
            await DjangoResponses.HtmlAsync(context, 429, $"<!DOCTYPE html><html><head><title>Too Many Requests</title></head><body><h1>Too Many Requests</h1><p>Please try again in {retryAfter} seconds.</p></body></html>");
        }

        return true;
    }
}
