using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.Cloudways;

/// <summary>
/// A limiter in front of every route: <paramref name="limit"/> requests per <paramref name="window"/> for the whole
/// account (the design notes cite 100 requests a minute, unverified); over it, 429 with <c>Retry-After</c> (seconds to
/// the window's end) and <c>{"error": "Rate limit exceeded"}</c>, the wording the seeds react to.
/// </summary>
internal sealed class FakeRateLimit(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _start;
    private int _count;

    /// <summary>Requests refused so far.</summary>
    public int Refused { get; private set; }

    /// <summary>Runs <paramref name="next"/> unless the request is over the limit, which is answered 429.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        int? wait = null;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _start >= window)
            {
                (_start, _count) = (now, 0);
            }

            if (++_count > limit)
            {
                Refused++;
                wait = Math.Max(1, (int)Math.Ceiling((_start + window - now).TotalSeconds));
            }
        }

        if (wait is { } seconds)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { error = "Rate limit exceeded" });
            return;
        }

        await next(context);
    }
}
