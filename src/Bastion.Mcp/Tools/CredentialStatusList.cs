using System.ComponentModel;
using Bastion.Core.Credentials;

namespace Bastion.Mcp.Tools;

/// <summary>Result of credentials_status.</summary>
public sealed record CredentialStatusList(
    [property: Description("One entry per credential, by name; empty when no platform credential is configured.")] IReadOnlyList<TokenStatus> Credentials);
