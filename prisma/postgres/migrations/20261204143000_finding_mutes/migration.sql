-- CreateTable
CREATE TABLE "FindingMute" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingMute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingMute_findingId_idx" ON "FindingMute"("findingId");

-- CreateIndex
CREATE INDEX "FindingMute_until_idx" ON "FindingMute"("until");
