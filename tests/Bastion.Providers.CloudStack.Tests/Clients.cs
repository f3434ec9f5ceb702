using Bastion.Core.Secrets;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>Clients for a fake, with waits short enough for tests.</summary>
internal static class Clients
{
    /// <summary>Fast retries, a breaker that stays closed unless a test wants it, short job polls.</summary>
    public static PlatformHttpOptions Http { get; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(10),
        Retries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        BreakerMinimumCalls = 1000,
    };

    public static CloudStackOptions Options { get; } = new()
    {
        JobPollInterval = TimeSpan.FromMilliseconds(10),
        JobTimeout = TimeSpan.FromSeconds(10),
    };

    public static CloudStackSettings Keys(CloudStackFake fake, string? secret = null, string? apiKey = null, string? sshUser = null) =>
        CloudStackSettings.WithKeys(fake.Url, apiKey ?? fake.Options.ApiKey, secret ?? fake.Options.SecretKey, sshUser);

    public static CloudStackSettings Login(CloudStackFake fake, string? password = null) =>
        CloudStackSettings.WithLogin(fake.Url, fake.Options.Username, password ?? fake.Options.Password);

    public static CloudStackClient For(
        CloudStackSettings settings,
        PlatformHttpOptions? http = null,
        CloudStackOptions? options = null,
        TimeProvider? clock = null,
        Redactor? redactor = null,
        ILogger<CloudStackClient>? logger = null) =>
        new(() => settings, () => true, http ?? Http, options ?? Options, clock ?? TimeProvider.System, redactor ?? new Redactor(), logger ?? NullLogger<CloudStackClient>.Instance);

    public static Dictionary<string, string?> None() => new(StringComparer.Ordinal);

    public static Dictionary<string, string?> With(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
