using System.ComponentModel;
using Bastion.Core.Credentials;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Status;

/// <summary>Result of cloudways_status. Never holds a key or a token.</summary>
internal sealed record CloudwaysStatus(
    [property: Description("True when an access token, or an email and API key, are stored in the caller's vault.")] bool Configured,
    [property: Description("How Bastion authenticates: api_key (email + API key exchanged for renewed tokens), access_token (a role-scoped token sent as it is) or none.")] CloudwaysAuthMode Auth,
    [property: Description("Host of the REST API called, e.g. api.cloudways.com.")] string? ApiHost,
    [property: Description("Path of the REST API on that host, e.g. /api/v1.")] string? ApiPath,
    [property: Description("True when cloudways/url overrides the default base URL.")] bool CustomUrl,
    [property: Description("True when Cloudways answered the check call (GET /providers); null when not configured.")] bool? Reachable,
    [property: Description("True when the check call succeeded with the credentials; null when not configured.")] bool? Authenticated,
    [property: Description("Seconds the check took, token exchange included; null when not configured.")] double? LatencySeconds,
    [property: Description("Why the check failed; null when it succeeded.")] string? Error,
    [property: Description("State of the exchanged access token (api_key auth): valid, expired, never_fetched, failing or revoked, seconds to expiry, last refresh and error. Null for access_token auth, whose expiry Cloudways does not report.")] TokenStatus? Token,
    [property: Description("What to do next, in a sentence; null when all is well.")] string? Advice);
