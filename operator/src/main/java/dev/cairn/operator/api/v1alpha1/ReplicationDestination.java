package dev.cairn.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** Restores a PVC on a trigger ({@code volsync.backube/v1alpha1 ReplicationDestination}). */
@Group("volsync.backube")
@Version("v1alpha1")
@AdditionalPrinterColumn(name = "Last restore", jsonPath = ".status.lastSyncTime",
    type = AdditionalPrinterColumn.Type.STRING, format = PrinterColumnFormat.DATE_TIME)
@AdditionalPrinterColumn(name = "Duration", jsonPath = ".status.lastSyncDuration",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Restored snapshot", jsonPath = ".status.restic.restoredSnapshot",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Snapshot taken", jsonPath = ".status.restic.restoredSnapshotTime",
    type = AdditionalPrinterColumn.Type.STRING, format = PrinterColumnFormat.DATE_TIME)
@AdditionalPrinterColumn(name = "Next sync", jsonPath = ".status.nextSyncTime",
    type = AdditionalPrinterColumn.Type.STRING, format = PrinterColumnFormat.DATE_TIME)
public class ReplicationDestination
    extends CustomResource<ReplicationDestinationSpec, ReplicationDestinationStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  @Override
  protected ReplicationDestinationSpec initSpec() {
    return null;
  }

  @Override
  protected ReplicationDestinationStatus initStatus() {
    return null;
  }
}
