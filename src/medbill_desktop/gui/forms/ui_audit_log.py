# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'audit_log.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_AuditLogPage(object):
    def setupUi(self, AuditLogPage):
        if not AuditLogPage.objectName():
            AuditLogPage.setObjectName(u"AuditLogPage")
        AuditLogPage.resize(1000, 700)
        self.mainLayout = QVBoxLayout(AuditLogPage)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(28, 22, 28, 20)
        self.titleLabel = QLabel(AuditLogPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(AuditLogPage)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.toolbarLayout = QHBoxLayout()
        self.toolbarLayout.setObjectName(u"toolbarLayout")
        self.verifyButton = QPushButton(AuditLogPage)
        self.verifyButton.setObjectName(u"verifyButton")

        self.toolbarLayout.addWidget(self.verifyButton)

        self.reloadButton = QPushButton(AuditLogPage)
        self.reloadButton.setObjectName(u"reloadButton")

        self.toolbarLayout.addWidget(self.reloadButton)

        self.verifyResultLabel = QLabel(AuditLogPage)
        self.verifyResultLabel.setObjectName(u"verifyResultLabel")
        self.verifyResultLabel.setWordWrap(True)

        self.toolbarLayout.addWidget(self.verifyResultLabel)

        self.toolbarSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbarLayout.addItem(self.toolbarSpacer)

        self.countLabel = QLabel(AuditLogPage)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setProperty(u"role", u"hint")

        self.toolbarLayout.addWidget(self.countLabel)


        self.mainLayout.addLayout(self.toolbarLayout)

        self.auditTable = QTableView(AuditLogPage)
        self.auditTable.setObjectName(u"auditTable")
        self.auditTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.auditTable.setAlternatingRowColors(True)
        self.auditTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.auditTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.auditTable.setTabKeyNavigation(False)
        self.auditTable.setWordWrap(False)

        self.mainLayout.addWidget(self.auditTable)

        QWidget.setTabOrder(self.verifyButton, self.reloadButton)
        QWidget.setTabOrder(self.reloadButton, self.auditTable)

        self.retranslateUi(AuditLogPage)

        QMetaObject.connectSlotsByName(AuditLogPage)
    # setupUi

    def retranslateUi(self, AuditLogPage):
        self.titleLabel.setText(QCoreApplication.translate("AuditLogPage", u"Audit log", None))
        self.hintLabel.setText(QCoreApplication.translate("AuditLogPage", u"Every sign-in, lock, change, print and export leaves an entry here. Each entry carries a fingerprint of the one before it, so an entry edited or removed later breaks the chain; \"Verify chain\" checks all of them.", None))
        self.verifyButton.setText(QCoreApplication.translate("AuditLogPage", u"&Verify chain", None))
        self.reloadButton.setText(QCoreApplication.translate("AuditLogPage", u"Re&load", None))
#if QT_CONFIG(tooltip)
        self.reloadButton.setToolTip(QCoreApplication.translate("AuditLogPage", u"Show the newest entries", None))
#endif // QT_CONFIG(tooltip)
        self.verifyResultLabel.setText("")
        self.countLabel.setText("")
#if QT_CONFIG(accessibility)
        self.auditTable.setAccessibleName(QCoreApplication.translate("AuditLogPage", u"Audit log entries", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

