package dev.cairn.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** Backs up a PVC on a trigger ({@code volsync.backube/v1alpha1 ReplicationSource}). */
@Group("volsync.backube")
@Version("v1alpha1")
@AdditionalPrinterColumn(name = "Source", jsonPath = ".spec.sourcePVC",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last sync", jsonPath = ".status.lastSyncTime",
    type = AdditionalPrinterColumn.Type.STRING, format = PrinterColumnFormat.DATE_TIME)
@AdditionalPrinterColumn(name = "Duration", jsonPath = ".status.lastSyncDuration",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next sync", jsonPath = ".status.nextSyncTime",
    type = AdditionalPrinterColumn.Type.STRING, format = PrinterColumnFormat.DATE_TIME)
public class ReplicationSource
    extends CustomResource<ReplicationSourceSpec, ReplicationSourceStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  @Override
  protected ReplicationSourceSpec initSpec() {
    return null;
  }

  @Override
  protected ReplicationSourceStatus initStatus() {
    return null;
  }
}
