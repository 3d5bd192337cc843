// The ownership mark bootstorm puts on the domains and networks it creates:
// a libvirt <metadata> element in bootstorm's namespace holding the run id,
// so that `gc` does not decide ownership by a name alone. Volumes cannot
// carry metadata in libvirt; they are owned by pool, name and liveness (see
// garbage_collector.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bootstorm {

/// The XML namespace of the mark, the key of virDomainGetMetadata.
inline constexpr std::string_view kOwnershipNamespace = "https://bootstorm.invalid/run/1";

/// `<metadata><bootstorm:run xmlns:bootstorm="NS" id="RUN_ID"/></metadata>`,
/// for a domain's or network's XML. Throws std::invalid_argument when
/// `run_id` is not a valid run id.
std::string OwnershipMetadataXml(std::string_view run_id);

/// The run id of a mark element as virDomainGetMetadata returns it (already
/// chosen by namespace: `<run id="RUN_ID"/>`, prefix optional); nullopt when
/// it holds no valid run id.
std::optional<std::string> RunIdOfMarkElement(std::string_view element);

/// The run id of the mark in a whole XML description (a network's, whose
/// libvirt has no metadata call): the `run` element that declares
/// kOwnershipNamespace for its own prefix. nullopt when there is none or its
/// id is not a valid run id.
std::optional<std::string> RunIdOfMarkIn(std::string_view xml);

}  // namespace bootstorm
