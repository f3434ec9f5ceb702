namespace Bastion.Providers.Alpacon.Api;

/// <summary>What AddAlpacon was given, kept together so that other providers' options never collide with it in DI.</summary>
/// <param name="Http">Timeouts, retries, breaker and the listing cap.</param>
/// <param name="Options">Polling and approval waits.</param>
/// <param name="Handler">Makes the HTTP handler of each workspace client; null: PlatformHttp's default.</param>
internal sealed record AlpaconSettings(PlatformHttpOptions Http, AlpaconOptions Options, Func<HttpMessageHandler>? Handler = null);
