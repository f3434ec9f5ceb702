using System.ComponentModel;

namespace Bastion.Providers.WebOps.Status;

/// <summary>Whether Bastion reaches WebOps with the stored credentials, from one cheap call.</summary>
internal sealed record WebOpsLink(
    [property: Description("True when the vault holds webops/url and a token or a login.")] bool Configured,
    [property: Description("How Bastion signs in: token (Authorization: Bearer), session (Django login with CSRF), token_then_session (a token, with a login to fall back on); null when not configured.")] string? Auth,
    [property: Description("The control panel's host and port, e.g. webops.example.org; null when not configured.")] string? Host,
    [property: Description("True when the check call (GET /api/deployments/?per_page=1) succeeded with the credentials.")] bool Reachable,
    [property: Description("Duration of that call in milliseconds, sign-in and rate-limit waits included; null when not configured.")] double? LatencyMs,
    [property: Description("Deployments the user owns, as WebOps counts them; null when the call failed.")] int? Deployments,
    [property: Description("Why the call failed, or what to store in the vault; null when all is well. Never contains a credential.")] string? Error);
