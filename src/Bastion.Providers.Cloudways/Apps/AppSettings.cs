using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>What cloudways_app resource settings returns.</summary>
internal sealed record AppSettings(
    [property: Description("Server of the app.")] long ServerId,
    [property: Description("The app.")] long AppId,
    [property: Description("PHP-FPM pool settings as Cloudways returns them (GET /app/manage/fpm_setting); null when that call failed (see errors).")] JsonElement? Fpm,
    [property: Description("Varnish settings as Cloudways returns them (GET /app/manage/varnish_setting); null when that call failed (see errors).")] JsonElement? Varnish,
    [property: Description("Why a part is missing, one sentence per failed call; empty when both came back.")] IReadOnlyList<string> Errors,
    [property: Description("True when an answer was cut to the limit (or 64 KiB).")] bool Truncated);
