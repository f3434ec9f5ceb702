namespace Bastion.Fakes.WebOps.State;

/// <summary>One <c>DeploymentLog</c> row: level is info, warning, error or success.</summary>
public sealed record FakeLogEntry(int Id, string Level, string Message, DateTimeOffset CreatedAt);
