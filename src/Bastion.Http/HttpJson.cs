using System.Text.Json.Serialization;
using Bastion.Http.Auth;
using Bastion.Http.Observability;

namespace Bastion.Http;

/// <summary>
/// Source-generated JSON metadata (trim- and AOT-safe) of what the HTTP server writes and reads itself: health and
/// readiness answers, the protected-resource metadata and keys.json. Each call site keeps its own options (names,
/// indentation, strictness) and takes its types from this context through them.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ReadinessReport))]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
[JsonSerializable(typeof(ApiKeysDocument))]
internal sealed partial class HttpJson : JsonSerializerContext;

