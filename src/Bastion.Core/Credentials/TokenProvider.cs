using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Bastion.Core.Credentials;

/// <summary>
/// Hands out a valid access token for one credential. The token is cached and renewed before it expires
/// (<see cref="TokenProviderOptions.RenewBefore"/>); concurrent callers share one exchange; transient failures are
/// retried with exponential backoff and jitter; a refused credential surfaces at once as
/// <see cref="TokenRevokedException"/>. A failure is never remembered as an answer: the next call tries again.
/// </summary>
public sealed partial class TokenProvider
{
    private readonly ITokenExchange _exchange;
    private readonly TokenProviderOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<TokenProvider> _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly Lock _gate = new();

    // All below are guarded by _gate.
    private IssuedToken? _token;
    private DateTimeOffset _renewAt;
    private Task<IssuedToken>? _refresh;
    private DateTimeOffset? _lastRefresh;
    private string? _lastError;
    private string? _failure;
    private int _refreshes;

    /// <param name="name">Name of the credential, as in the vault and in the status.</param>
    /// <param name="exchange">The platform's token call.</param>
    /// <param name="options">Renewal and retry settings.</param>
    /// <param name="clock">Time of expiry checks, backoff delays and attempt timeouts.</param>
    /// <param name="logger">Told of renewals, retries and failures; never of a token.</param>
    public TokenProvider(string name, ITokenExchange exchange, TokenProviderOptions options, TimeProvider clock, ILogger<TokenProvider> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RenewBefore, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDelay, options.BaseDelay);
        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AttemptTimeout, TimeSpan.Zero);
        }

        Name = name;
        _exchange = exchange;
        _options = options;
        _clock = clock;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    /// <summary>Name of the credential.</summary>
    public string Name { get; }

    /// <summary>Where the token stands, for a status report. Never holds the token.</summary>
    public TokenStatus Status
    {
        get
        {
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                var state = _failure ?? (_token is null ? TokenStates.NeverFetched : now >= _token.ExpiresAt ? TokenStates.Expired : TokenStates.Valid);
                double? expiresIn = _token is null ? null : Math.Round((_token.ExpiresAt - now).TotalSeconds, 1);
                return new TokenStatus(Name, state, expiresIn, _lastRefresh, _lastError, _refreshes);
            }
        }
    }

    /// <summary>
    /// A valid access token: the cached one while it is not due for renewal, else a new one. Callers arriving while a
    /// refresh runs wait for that same refresh. When a renewal fails on a transient error while the cached token has
    /// not expired yet, the cached token is returned (and the error shows in <see cref="Status"/>).
    /// </summary>
    /// <param name="ct">Stops this caller waiting; a refresh other callers wait for goes on.</param>
    /// <exception cref="TokenRevokedException">The platform refused the credential.</exception>
    /// <exception cref="BastionException">No token could be obtained (after the retries); the message says why.</exception>
    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        IssuedToken? cached;
        Task<IssuedToken> refresh;
        lock (_gate)
        {
            cached = _token;
            if (cached is not null && _clock.GetUtcNow() < _renewAt)
            {
                return cached.AccessToken;
            }

            refresh = _refresh ??= StartRefresh();
        }

        try
        {
            return (await refresh.WaitAsync(ct)).AccessToken;
        }
        catch (BastionException e) when (e is not TokenRevokedException && cached is not null && _clock.GetUtcNow() < cached.ExpiresAt)
        {
            LogServingCached(_logger, Name, cached.ExpiresAt);
            return cached.AccessToken;
        }
    }

    /// <summary>
    /// Forgets the cached token if it is still <paramref name="accessToken"/>, so that the next
    /// <see cref="GetTokenAsync"/> exchanges the credential again. For a token the platform refused (a 401 to a call made
    /// with it) or one issued for a credential that has since been replaced. A token another caller already renewed is
    /// kept; the status reads <c>never_fetched</c> until the next exchange.
    /// </summary>
    /// <param name="accessToken">The token that must not be served again.</param>
    /// <returns>True when the cached token was dropped; false when another one is cached by now (or none).</returns>
    public bool Invalidate(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        lock (_gate)
        {
            if (_token is null || !string.Equals(_token.AccessToken, accessToken, StringComparison.Ordinal))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }

    private Task<IssuedToken> StartRefresh()
    {
        // Task.Run: the exchange never runs under the lock, and _refresh is set before the refresh can clear it.
        var refresh = Task.Run(RefreshAsync);
        // Observe the failure even if every caller stopped waiting.
        _ = refresh.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return refresh;
    }

    // Shared by every caller: runs with no caller's cancellation token.
    private async Task<IssuedToken> RefreshAsync()
    {
        var attempts = 0;
        try
        {
            var token = await _pipeline.ExecuteAsync(
                async attemptToken =>
                {
                    attempts++;
                    var issued = await _exchange.ExchangeAsync(attemptToken);
                    if (string.IsNullOrEmpty(issued?.AccessToken))
                    {
                        throw new BastionException("the platform answered without an access token");
                    }

                    return issued;
                },
                CancellationToken.None);
            var now = _clock.GetUtcNow();
            lock (_gate)
            {
                _token = token;
                _renewAt = RenewAt(token, now);
                _lastRefresh = now;
                _lastError = null;
                _failure = null;
                _refreshes++;
                _refresh = null;
            }

            LogRenewed(_logger, Name, token.ExpiresAt);
            return token;
        }
        catch (TokenRevokedException e)
        {
            var refused = new TokenRevokedException(RefusedMessage(e), e);
            lock (_gate)
            {
                // Tokens issued for a refused credential are not served on.
                _token = null;
                _lastError = refused.Message;
                _failure = TokenStates.Revoked;
                _refresh = null;
            }

            LogRefused(_logger, Name, e.Message);
            throw refused;
        }
        catch (Exception e)
        {
            var what = e is Polly.Timeout.TimeoutRejectedException ? $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s" : e.Message;
            var failed = new BastionException(
                $"Could not get an access token for '{Name}' ({attempts} attempt{(attempts == 1 ? "" : "s")}): {what.TrimEnd('.')}. The next call tries again.", e);
            lock (_gate)
            {
                _lastError = failed.Message;
                _failure = TokenStates.Failing;
                _refresh = null;
            }

            LogFailed(_logger, Name, attempts, e);
            throw failed;
        }
    }

    private DateTimeOffset RenewAt(IssuedToken token, DateTimeOffset now)
    {
        var lifetime = token.ExpiresAt - now;
        var margin = lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(_options.RenewBefore.Ticks, lifetime.Ticks / 2));
        return token.ExpiresAt - margin;
    }

    private string RefusedMessage(TokenRevokedException e)
    {
        var reason = e.Message == TokenRevokedException.DefaultMessage || string.IsNullOrWhiteSpace(e.Message) ? "" : $" ({e.Message.TrimEnd('.')})";
        return $"The {_options.CredentialKind} for '{Name}' was refused{reason}; set a new one with `bastion vault set {_options.VaultKey ?? Name}`.";
    }

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _clock };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && e is not TokenRevokedException
                    && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    TokenBackoff.Delay(args.AttemptNumber, _options.BaseDelay, _options.MaxDelay, _options.Jitter())),
                OnRetry = args =>
                {
                    LogRetrying(_logger, Name, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (_options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(_options.AttemptTimeout);
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token for {Name} obtained; it expires at {ExpiresAt:O}")]
    private static partial void LogRenewed(ILogger logger, string name, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Getting an access token for {Name} failed (attempt {Attempt}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string name, int attempt, double delayMs, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Getting an access token for {Name} failed after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, string name, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The platform refused the credential {Name}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the access token for {Name}; the cached one serves until it expires at {ExpiresAt:O}")]
    private static partial void LogServingCached(ILogger logger, string name, DateTimeOffset expiresAt);
}
