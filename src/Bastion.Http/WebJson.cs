using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Http.Observability;

namespace Bastion.Http;

/// <summary>The readiness answer with the web defaults (camelCase names) it has always had.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class WebJson : JsonSerializerContext;
