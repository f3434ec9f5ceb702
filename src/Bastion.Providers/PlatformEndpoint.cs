using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Bastion.Providers;

/// <summary>
/// One endpoint of a <see cref="PlatformHttp"/> (method + folded path): its circuit breaker with the attempt timeout
/// inside, the retry of idempotent calls around it, and the failure that opened the breaker last. 429 answers are
/// neither retried nor counted here: <see cref="PlatformHttp"/> waits them out.
/// </summary>
internal sealed class PlatformEndpoint
{
    public PlatformEndpoint(string key, PlatformHttpOptions options, TimeProvider clock)
    {
        Key = key;
        Once = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumCalls,
                SamplingDuration = options.BreakerWindow,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(IsFailure),
                OnOpened = args =>
                {
                    LastFailure = Describe(args.Outcome);
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        Retried = options.Retries < 1 ? Once : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(IsFailure),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddPipeline(Once)
            .Build();
    }

    /// <summary>Method and folded path, e.g. <c>GET /monitoring/api/service/*/status/</c>.</summary>
    public string Key { get; }

    /// <summary>Breaker and timeout: for calls sent once.</summary>
    public ResiliencePipeline<HttpResponseMessage> Once { get; }

    /// <summary>Retries around <see cref="Once"/>: for idempotent calls.</summary>
    public ResiliencePipeline<HttpResponseMessage> Retried { get; }

    /// <summary>What failed when the breaker last opened, e.g. <c>HTTP 500 Internal Server Error</c>.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>A failure worth a retry and counted by the breaker: transient statuses except 429.</summary>
    private static bool IsFailure(HttpResponseMessage response) =>
        response.StatusCode != HttpStatusCode.TooManyRequests && PlatformHttp.IsTransient(response);

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } r
            ? $"HTTP {(int)r.StatusCode} {r.ReasonPhrase}".TrimEnd()
            : outcome.Exception is TimeoutRejectedException ? "no answer in time" : outcome.Exception?.Message ?? "unknown";
}
