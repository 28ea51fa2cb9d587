-- CreateTable
CREATE TABLE "FindingMute" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "findingId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FindingMute_findingId_idx" ON "FindingMute"("findingId");

-- CreateIndex
CREATE INDEX "FindingMute_until_idx" ON "FindingMute"("until");
