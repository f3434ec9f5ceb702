namespace Bastion.Fakes.Cloudways;

/// <summary>A bearer token the fake issued or was configured with.</summary>
/// <param name="Value">The token.</param>
/// <param name="ExpiresAt">When it stops being accepted; null for access tokens that do not expire.</param>
/// <param name="Role">READ, LIMITED or FULL.</param>
/// <param name="ApiKey">The API key it was exchanged for; null for access tokens.</param>
public sealed record FakeToken(string Value, DateTimeOffset? ExpiresAt, string Role, string? ApiKey);
