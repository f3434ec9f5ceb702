using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Bastion.Providers;

/// <summary>
/// A platform adapter's HTTP client: pooled connections, a timeout per attempt, retries with exponential backoff and
/// jitter for idempotent calls only (a failed POST that deploys a VM is never sent twice), and one circuit breaker
/// that stops calling a platform that keeps failing. Transport failures become <see cref="PlatformException"/>s that
/// say what happened; answers (including 4xx and 5xx) are returned for the adapter to read the platform's error body.
/// </summary>
public sealed class PlatformHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;
    private readonly ResiliencePipeline<HttpResponseMessage> _retried;
    private readonly PlatformHttpOptions _options;

    /// <param name="platform">The platform's name, for messages (e.g. <c>Cloudways</c>).</param>
    /// <param name="options">Timeouts, retries and the breaker.</param>
    /// <param name="clock">Time of backoff delays, timeouts and the breaker.</param>
    /// <param name="handler">The message handler (default: a pooled <see cref="SocketsHttpHandler"/> without redirects or cookies).</param>
    public PlatformHttp(string platform, PlatformHttpOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Platform = platform;
        _options = options;
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

        _once = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumCalls,
                SamplingDuration = options.BreakerWindow,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(IsTransient),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        _retried = options.Retries < 1 ? _once : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(IsTransient),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddPipeline(_once)
            .Build();
    }

    /// <summary>The platform's name.</summary>
    public string Platform { get; }

    /// <summary>Sends the request <paramref name="create"/> makes (made anew for each attempt).</summary>
    /// <param name="create">Builds the request; called once per attempt.</param>
    /// <param name="idempotent">True when sending it twice does no harm (GETs, polls); only those are retried.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <returns>The platform's answer, whatever its status.</returns>
    /// <exception cref="PlatformException">No answer: unreachable, timed out, or the breaker is open.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            return await (idempotent ? _retried : _once).ExecuteAsync(
                async token =>
                {
                    using var request = create();
                    return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            throw new PlatformException(Platform, $"calls are paused for up to {_options.BreakDuration.TotalSeconds:0} s after repeated failures (circuit breaker open); try again shortly.", transient: true);
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

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
