namespace Bastion.Fakes.WebOps.State;

/// <summary>A logged-in session: its user and when it expires.</summary>
public sealed record FakeSession(string User, DateTimeOffset Expires);
