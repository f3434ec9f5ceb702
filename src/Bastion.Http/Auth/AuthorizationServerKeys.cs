using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Auth;

/// <summary>
/// The OAuth authorization server's metadata and signing keys (JWKS) as the JwtBearer scheme reads them: fetched on first
/// use through <see cref="AuthorizationServerMetadataRetriever"/> (RFC 8414 first, then OpenID Connect discovery), cached
/// by a <see cref="ConfigurationManager{T}"/> and fetched again every <see cref="OAuthOptions.AutomaticRefreshInterval"/>.
/// </summary>
/// <remarks>
/// Deliberately not a <see cref="BaseConfigurationManager"/>: given one, JwtBearer hands it to the token handler, which
/// asks for a refresh on every unknown key id. Bastion keeps the pace itself: a token naming a key id the cached set
/// lacks (after a key rotation) may cause one refresh per <see cref="OAuthOptions.KeyRefreshInterval"/>, and the token
/// that caused it waits for the new keys (up to 5 s) instead of being refused. A failed fetch surfaces as an
/// <see cref="InvalidOperationException"/>.
/// </remarks>
internal sealed partial class AuthorizationServerKeys : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan _refreshWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _refreshPoll = TimeSpan.FromMilliseconds(50);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly TimeSpan _keyRefreshInterval;
    private readonly ILogger _logger;

    /// <summary>When (<see cref="Environment.TickCount64"/>, ms) an unknown key id may next cause a refresh of the keys.</summary>
    private long _nextKeyRefresh;

    /// <param name="options">The authorization server; its addresses are checked here.</param>
    /// <param name="logger">Told when new keys did not come after a rotation.</param>
    /// <param name="httpClient">Fetches the metadata and keys; a shared default client when null.</param>
    /// <exception cref="Core.BastionException">An option is invalid (see <see cref="OAuthOptions.Validate"/>).</exception>
    public AuthorizationServerKeys(OAuthOptions options, ILogger logger, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var addresses = options.MetadataAddresses();
        var documents = httpClient is null ? new HttpDocumentRetriever() : new HttpDocumentRetriever(httpClient);

        // Options allow plain http only for loopback addresses; the retriever checks jwks_uri the same way.
        documents.RequireHttps = addresses.All(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(addresses[0], new AuthorizationServerMetadataRetriever(options.Issuer, addresses), documents)
        {
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,

            // The pace of refreshes is kept by KeyRefreshInterval here; the manager must not refuse one asked for.
            RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval,
        };
        _keyRefreshInterval = options.KeyRefreshInterval;
        _logger = logger;
    }

    /// <summary>The metadata address tried first.</summary>
    public string MetadataAddress => _manager.MetadataAddress;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => _manager.GetConfigurationAsync(cancel);

    /// <summary>Does nothing: refreshes for unknown keys go through <see cref="RefreshedForUnknownKeyAsync"/>, which keeps their pace.</summary>
    public void RequestRefresh()
    {
    }

    /// <summary>
    /// After a token named a key the cached set lacks: fresh metadata and keys, waited for up to 5 s, when this caller may
    /// refresh now (one refresh per <see cref="OAuthOptions.KeyRefreshInterval"/>) and new keys came; otherwise null.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshedForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (!TryClaimKeyRefresh())
        {
            return null;
        }

        // The manager fetches in the background; a new configuration object is the sign that it has finished.
        var previous = await _manager.GetConfigurationAsync(cancellationToken);
        _manager.RequestRefresh();
        var waited = TimeSpan.Zero;
        while (waited < _refreshWait)
        {
            await Task.Delay(_refreshPoll, cancellationToken);
            waited += _refreshPoll;
            var current = await _manager.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(current, previous))
            {
                return current;
            }
        }

        LogKeyRefreshFailed(_logger, _manager.MetadataAddress);
        return null;
    }

    private bool TryClaimKeyRefresh()
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextKeyRefresh);
        return now >= next
            && Interlocked.CompareExchange(ref _nextKeyRefresh, now + (long)_keyRefreshInterval.TotalMilliseconds, next) == next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token named an unknown signing key; fetching the keys again from {Address} brought no new ones within 5 s")]
    private static partial void LogKeyRefreshFailed(ILogger logger, string address);
}
