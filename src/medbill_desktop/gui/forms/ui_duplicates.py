# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'duplicates.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_DuplicatesDialog(object):
    def setupUi(self, DuplicatesDialog):
        if not DuplicatesDialog.objectName():
            DuplicatesDialog.setObjectName(u"DuplicatesDialog")
        DuplicatesDialog.resize(900, 330)
        self.mainLayout = QVBoxLayout(DuplicatesDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(DuplicatesDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(DuplicatesDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setText(u"")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.candidatesTable = QTableView(DuplicatesDialog)
        self.candidatesTable.setObjectName(u"candidatesTable")
        self.candidatesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidatesTable.setAlternatingRowColors(True)
        self.candidatesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.candidatesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidatesTable.setTabKeyNavigation(False)
        self.candidatesTable.setMaximumSize(QSize(16777215, 170))

        self.mainLayout.addWidget(self.candidatesTable)

        self.reasonLabel = QLabel(DuplicatesDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setText(u"")
        self.reasonLabel.setWordWrap(True)
        self.reasonLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.reasonLabel)

        self.actions = QWidget(DuplicatesDialog)
        self.actions.setObjectName(u"actions")
        self.actionsLayout = QHBoxLayout(self.actions)
        self.actionsLayout.setSpacing(8)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsLayout.setContentsMargins(0, 0, 0, 0)
        self.actionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.openButton = QPushButton(self.actions)
        self.openButton.setObjectName(u"openButton")

        self.actionsLayout.addWidget(self.openButton)

        self.registerButton = QPushButton(self.actions)
        self.registerButton.setObjectName(u"registerButton")

        self.actionsLayout.addWidget(self.registerButton)

        self.cancelButton = QPushButton(self.actions)
        self.cancelButton.setObjectName(u"cancelButton")

        self.actionsLayout.addWidget(self.cancelButton)


        self.mainLayout.addWidget(self.actions)

        QWidget.setTabOrder(self.candidatesTable, self.openButton)
        QWidget.setTabOrder(self.openButton, self.registerButton)
        QWidget.setTabOrder(self.registerButton, self.cancelButton)

        self.retranslateUi(DuplicatesDialog)

        self.openButton.setDefault(True)


        QMetaObject.connectSlotsByName(DuplicatesDialog)
    # setupUi

    def retranslateUi(self, DuplicatesDialog):
        DuplicatesDialog.setWindowTitle(QCoreApplication.translate("DuplicatesDialog", u"Possible duplicate", None))
        self.titleLabel.setText(QCoreApplication.translate("DuplicatesDialog", u"This may be a patient already registered", None))
#if QT_CONFIG(accessibility)
        self.candidatesTable.setAccessibleName(QCoreApplication.translate("DuplicatesDialog", u"Possible duplicates", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("DuplicatesDialog", u"&Open the selected patient", None))
        self.registerButton.setText(QCoreApplication.translate("DuplicatesDialog", u"&Register as a new patient", None))
        self.cancelButton.setText(QCoreApplication.translate("DuplicatesDialog", u"Back to the &form", None))
    # retranslateUi

