-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "path" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_SavedView" ("createdAt", "description", "id", "name", "path", "updatedAt") SELECT "createdAt", "description", "id", "name", "path", "updatedAt" FROM "SavedView";
DROP TABLE "SavedView";
ALTER TABLE "new_SavedView" RENAME TO "SavedView";
CREATE INDEX "SavedView_updatedAt_idx" ON "SavedView"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

