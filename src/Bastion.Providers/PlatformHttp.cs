using System.Collections.Concurrent;
using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Bastion.Providers;

/// <summary>
/// A platform adapter's HTTP client: pooled connections, a timeout per attempt, retries with exponential backoff and
/// jitter for idempotent calls only (a failed POST that deploys a VM is never sent twice), rate limits honoured, and a
/// circuit breaker per endpoint that stops calling an endpoint that keeps failing without pausing the rest of the
/// platform. Transport failures become <see cref="PlatformException"/>s that say what happened; answers (including 4xx
/// and 5xx) are returned for the adapter to read the platform's error body.
/// </summary>
/// <remarks>
/// <para>Rate limits: an answer of 429 is neither a failure nor a retry. Bastion waits what the platform asks
/// (<c>Retry-After</c> in seconds or as a date, or a JSON body's <c>retry_after</c> as WebOps sends it; else
/// <see cref="PlatformHttpOptions.RateLimitDefaultWait"/>) and sends the same request again, for any method (a 429 was
/// not acted on), while the waits of the call stay within <see cref="PlatformHttpOptions.RateLimitMaxWait"/>; past that,
/// the 429 answer is returned for the adapter to report. A 429 never counts toward a breaker.</para>
/// <para>Breakers: one per endpoint, the method and the path with numeric and id-like segments folded (so
/// <c>GET /monitoring/api/service/7/status/</c> and <c>…/9/status/</c> share one). An open breaker's error names the
/// endpoint and the failure that opened it.</para>
/// </remarks>
public sealed class PlatformHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly PlatformHttpOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, PlatformEndpoint> _endpoints = new(StringComparer.Ordinal);
    private int _rateLimitWaits;

    /// <param name="platform">The platform's name, for messages (e.g. <c>Cloudways</c>).</param>
    /// <param name="options">Timeouts, retries, rate-limit waits and the breakers.</param>
    /// <param name="clock">Time of backoff delays, rate-limit waits, timeouts and the breakers.</param>
    /// <param name="handler">The message handler (default: a pooled <see cref="SocketsHttpHandler"/> without redirects or cookies).</param>
    public PlatformHttp(string platform, PlatformHttpOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Platform = platform;
        _options = options;
        _clock = clock;
        _client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Bastion-MCP/1.0");
    }

    /// <summary>The platform's name.</summary>
    public string Platform { get; }

    /// <summary>How many 429 answers were waited out since this client was made (for tests and diagnostics).</summary>
    public int RateLimitWaits => Volatile.Read(ref _rateLimitWaits);

    /// <summary>Sends the request <paramref name="create"/> makes (made anew for each attempt).</summary>
    /// <param name="create">Builds the request; called once per attempt.</param>
    /// <param name="idempotent">True when sending it twice does no harm (GETs, polls); only those are retried after a failure.</param>
    /// <param name="cancellationToken">Ends the call, rate-limit waits included.</param>
    /// <returns>The platform's answer, whatever its status (a 429 only once its wait would pass the call's allowance).</returns>
    /// <exception cref="PlatformException">No answer: unreachable, timed out, or the endpoint's breaker is open.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        string key;
        using (var probe = create())
        {
            key = EndpointKey(probe);
        }

        var endpoint = _endpoints.GetOrAdd(key, k => new PlatformEndpoint(k, _options, _clock));
        var waited = TimeSpan.Zero;
        while (true)
        {
            var response = await SendOnceAsync(endpoint, create, idempotent, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var wait = await RetryAfterAsync(response, _clock, cancellationToken) ?? _options.RateLimitDefaultWait;
            if (waited + wait > _options.RateLimitMaxWait)
            {
                return response;
            }

            response.Dispose();
            Interlocked.Increment(ref _rateLimitWaits);
            await Task.Delay(wait, _clock, cancellationToken);
            waited += wait;
        }
    }

    /// <summary>5xx, 408 and 429 answers: worth trying again.</summary>
    public static bool IsTransient(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IsTransient((int)response.StatusCode);
    }

    /// <summary>
    /// The one rule of every provider for an HTTP status: 5xx, 408 (request timeout) and 429 (rate limited) may succeed
    /// when tried again later; every other status is the platform's final word.
    /// </summary>
    public static bool IsTransient(int status) =>
        status >= 500 || status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests;

    /// <summary>
    /// How long a 429 answer asks to wait: <c>Retry-After</c> (seconds, or an HTTP date), else a JSON body's
    /// <c>retry_after</c> (seconds); null when it says nothing usable. At least 0, at most one hour.
    /// </summary>
    public static async Task<TimeSpan?> RetryAfterAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);
        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => null,
        };
        if (wait is null && response.Content is not null)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            wait = BodyRetryAfter(body);
        }

        return wait is { } w ? TimeSpan.FromSeconds(Math.Clamp(w.TotalSeconds, 0, 3600)) : null;
    }

    private static TimeSpan? BodyRetryAfter(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.Num("retry_after") is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The breaker key of <paramref name="request"/>: its method and path, numeric and id-like segments folded to
    /// <c>*</c>, and a <c>command</c> query parameter when there is one (CloudStack's API is one path, many commands).
    /// </summary>
    public static string EndpointKey(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "/";
        var segments = path.Split('/').Select(s => s.Length > 0 && (s.All(char.IsAsciiDigit) || (s.Length >= 16 && s.Any(char.IsAsciiDigit) && s.All(c => char.IsAsciiHexDigit(c) || c == '-'))) ? "*" : s);
        var command = request.RequestUri is { IsAbsoluteUri: true } u
            ? u.Query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("command=", StringComparison.OrdinalIgnoreCase))
            : null;
        return $"{request.Method.Method} {string.Join('/', segments)}{(command is null ? string.Empty : "?" + command)}";
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendOnceAsync(PlatformEndpoint endpoint, Func<HttpRequestMessage> create, bool idempotent, CancellationToken cancellationToken)
    {
        try
        {
            return await (idempotent ? endpoint.Retried : endpoint.Once).ExecuteAsync(
                async token =>
                {
                    using var request = create();
                    return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            throw new PlatformException(Platform, $"calls to {endpoint.Key} are paused for up to {_options.BreakDuration.TotalSeconds:0} s (circuit breaker open) because it kept failing (last: {endpoint.LastFailure ?? "unknown"}); other calls go on. Try it again shortly.", transient: true);
        }
        catch (TimeoutRejectedException)
        {
            throw new PlatformException(Platform, $"no answer within {_options.AttemptTimeout.TotalSeconds:0} s{(idempotent ? $" (tried {_options.Retries + 1} times)" : string.Empty)}.", transient: true);
        }
        catch (HttpRequestException e)
        {
            throw new PlatformException(Platform, $"cannot be reached: {e.Message}", transient: true);
        }
    }
}
